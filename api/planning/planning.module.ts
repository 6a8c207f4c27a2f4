import type { ApiModule } from '../api-module';
import { planningOpenApiPaths } from './planning.openapi';
import { planningRouter } from './planning.router';

/**
 * Planning's API: `/api/v1/planning/…` beyond the record endpoints of entries and teams — the capacity
 * forecast, records to plan, team members, working hours, the reader's iCalendar feed address. The feed
 * itself (`/planning/ical/<token>.ics`, no session) is mounted by api/app.ts before authentication.
 */
export const planningApiModule: ApiModule = {
  key: 'planning',
  routers: (deps) => [{ path: '/planning', router: planningRouter(deps) }],
  openApiPaths: planningOpenApiPaths,
};
