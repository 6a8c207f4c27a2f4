import type { ApiModule } from '../api-module';
import { eventsOpenApiPaths } from './events.openapi';
import { eventsRouter } from './events.router';

/** Epic Events' API: `/api/v1/events/…` (clients, contracts and payments, events, the spreadsheet import, collaborators). */
export const eventsApiModule: ApiModule = {
  key: 'events',
  routers: (deps) => [{ path: '/events', router: eventsRouter(deps) }],
  openApiPaths: eventsOpenApiPaths,
};
