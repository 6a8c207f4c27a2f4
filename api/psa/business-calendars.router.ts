import { Router } from 'express';
import { calendarChange, changeCalendar, listCalendars } from '../../domain/psa/sla-calendars';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';

/** `/api/v1/psa/business-calendars`: the organisation's working weeks and holidays (SLA clocks count in them). */
export function businessCalendarsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: { items: await listCalendars(ctx) } })));
  router.put('/:id', inTenant(deps, async (req, ctx) => ({ body: await changeCalendar(ctx, String(req.params.id), validate(calendarChange, req.body ?? {})) })));
  return router;
}
