import { Router } from 'express';
import { z } from 'zod';
import { icalFeedFor } from '../../domain/planning/ical';
import { recordsToPlan } from '../../domain/planning/plannable';
import {
  agendaPeople, capacityOf, capacityQuery, changeWorkingHours, membersInput, myIcalFeed, renewMyIcalFeed, setTeamMembers, workingHoursOf,
} from '../../domain/planning/planning-service';
import { workingHoursInput } from '../../domain/planning/working-hours';
import { NotFoundError } from '../../domain/errors';
import { renderDeep } from '../../domain/i18n/messages';
import { planningMessage as m } from '../../domain/planning/planning.messages';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

export const toPlanQuery = z.object({
  teamId: z.string().uuid('field.uuid').optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
}).strict();
const userPath = z.object({ userId: z.string().uuid('field.uuid') });

/**
 * Planning beyond its record endpoints (`/planning/entries`, `/planning/teams`, served by the generic
 * record router): the capacity forecast, the records waiting to be planned, team members, working
 * hours and the reader's iCalendar feed address. Mounted under /planning by the planning API module.
 */
export function planningRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/capacity', inTenant(deps, async (req, ctx) => ({ body: await capacityOf(ctx, validate(capacityQuery, req.query, 'query')) })));
  router.get('/people', inTenant(deps, async (_req, ctx) => ({ body: { items: await agendaPeople(ctx) } })));
  router.get('/to-plan', inTenant(deps, async (req, ctx) => {
    const query = validate(toPlanQuery, req.query, 'query');
    const items = await recordsToPlan(ctx.trx, ctx.ability, { teamId: query.teamId ?? null, q: query.q ?? null, limit: query.limit });
    return { body: renderDeep({ items }, requestLocale(req)) };
  }));
  router.put('/teams/:id/members', inTenant(deps, async (req, ctx) => {
    const body = validate(membersInput, req.body);
    return { body: await setTeamMembers(ctx, validate(z.string().uuid('field.uuid'), String(req.params.id), 'path'), body.userIds) };
  }));
  router.get('/working-hours/:userId', inTenant(deps, async (req, ctx) => ({ body: await workingHoursOf(ctx, validate(userPath, req.params, 'path').userId) })));
  router.put('/working-hours/:userId', inTenant(deps, async (req, ctx) => (
    { body: await changeWorkingHours(ctx, validate(userPath, req.params, 'path').userId, validate(workingHoursInput, req.body)) })));
  router.delete('/working-hours/:userId', inTenant(deps, async (req, ctx) => ({ body: await changeWorkingHours(ctx, validate(userPath, req.params, 'path').userId, null) })));
  router.get('/ical-feed', inTenant(deps, async (_req, ctx) => ({ body: await myIcalFeed(ctx) })));
  router.post('/ical-feed', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => ({ status: 201, body: await renewMyIcalFeed(ctx) }))));
  return router;
}

/**
 * `GET /api/v1/planning/ical/<token>.ics`: a person's agenda for their calendar application. No session:
 * the secret token is the credential (mounted by api/app.ts before authentication); an unknown, replaced
 * or deactivated person's token answers 404 like any missing page.
 */
export function planningIcalRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:file', async (req, res, next) => {
    try {
      const match = /^([A-Za-z0-9_-]{43})\.ics$/.exec(String(req.params.file));
      const feed = match ? await icalFeedFor(deps.knex, match[1]!, new Date(), req.hostname || 'relais') : null;
      if (feed === null) throw new NotFoundError(m('planning.ical-not-found'));
      res.setHeader('Cache-Control', 'private, max-age=300');
      res.type('text/calendar; charset=utf-8').send(feed);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
