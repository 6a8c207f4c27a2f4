import type { ApiModule } from '../api-module';
import { ticketsRouter } from './tickets.router';
import { deliverWaitingTicketsMessages } from './tickets.start';

/**
 * The MSP's API (spec 003, issue 14): `/api/v1/psa/…` — opportunities and the pipeline,
 * contracts and their hour ledger, tickets, time entries and timers, the pre-billing queue.
 * Each area brings its router and its OpenAPI paths here.
 */
export const psaApiModule: ApiModule = {
  key: 'psa',
  routers: (deps) => [{ path: '/psa/tickets', router: ticketsRouter(deps) }],
  openApiPaths: () => ({}),
  onStart: deliverWaitingTicketsMessages,
};
