import type { ApiModule } from '../api-module';
import { opportunitiesOpenApiPaths } from './opportunities.openapi';
import { opportunitiesRouter } from './opportunities.router';
import { sendWaitingContractAlertMails } from './contract-alert-mails';
import { contractsOpenApiPaths } from './contracts.openapi';
import { contractsRouter } from './contracts.router';
import { slaPoliciesRouter } from './sla-policies.router';
import { preBillingRouter } from './pre-billing.router';
import { ticketsRouter } from './tickets.router';
import { timeOpenApiPaths } from './time-entries.openapi';
import { timeEntriesRouter, timerRouter } from './time-entries.router';
import { deliverWaitingTicketsMessages } from './tickets.start';

/**
 * The MSP's API (spec 003, issue 14): `/api/v1/psa/…` — opportunities and the pipeline,
 * contracts and their hour ledger, tickets, time entries and timers, the pre-billing queue.
 * Each area brings its router and its OpenAPI paths here.
 */
export const psaApiModule: ApiModule = {
  key: 'psa',
  routers: (deps) => [{ path: '/psa/tickets', router: ticketsRouter(deps) }, { path: '/psa/contracts', router: contractsRouter(deps) },
    { path: '/psa/time-entries', router: timeEntriesRouter(deps) }, { path: '/psa/timer', router: timerRouter(deps) }, { path: '/psa/pre-billing', router: preBillingRouter(deps) }, { path: '/psa/sla-policies', router: slaPoliciesRouter(deps) }, { path: '/psa', router: opportunitiesRouter(deps) }],
  openApiPaths: () => ({ ...opportunitiesOpenApiPaths(), ...contractsOpenApiPaths(), ...timeOpenApiPaths() }),
  onStart: async (deps) => { await deliverWaitingTicketsMessages(deps); await sendWaitingContractAlertMails(deps); },
};
