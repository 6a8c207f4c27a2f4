import type { ApiModule } from '../api-module';
import { eventsOpenApiPaths } from './events.openapi';
import { eventsRouter } from './events.router';
import { joinWaitingClients } from './lead-to-event.reconciler';

/** Epic Events' API: `/api/v1/events/…` (clients, contracts and payments, events, the spreadsheet import, collaborators); at start, clients without their process join it. */
export const eventsApiModule: ApiModule = {
  key: 'events',
  routers: (deps) => [{ path: '/events', router: eventsRouter(deps) }],
  openApiPaths: eventsOpenApiPaths,
  /** Clients written without the API (the demo book, the import) join their process where they stand. */
  onStart: async (deps) => { await joinWaitingClients(deps); },
};
