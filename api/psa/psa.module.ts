import type { ApiModule } from '../api-module';
import { sendWaitingContractAlertMails } from './contract-alert-mails';
import { contractsOpenApiPaths } from './contracts.openapi';
import { contractsRouter } from './contracts.router';
import { inboundMailsOpenApiPaths } from './inbound-mails.openapi';
import { inboundMailsRouter } from './inbound-mails.router';
import { machinesRouter } from './machines.router';
import { startConfiguredMailIntake } from './mail-intake.service';
import { slaPoliciesRouter } from './sla-policies.router';
import { businessCalendarsRouter } from './business-calendars.router';
import { opportunitiesOpenApiPaths } from './opportunities.openapi';
import { opportunitiesRouter } from './opportunities.router';
import { preBillingRouter } from './pre-billing.router';
import { ticketsOpenApiPaths } from './tickets.openapi';
import { ticketsRouter } from './tickets.router';
import { timeOpenApiPaths } from './time-entries.openapi';
import { timeEntriesRouter, timerRouter } from './time-entries.router';
import { deliverWaitingTicketsMessages } from './tickets.start';
import { joinWaitingTickets } from './tickets.join';

/**
 * The MSP's API (spec 003, issue 14): `/api/v1/psa/…` — opportunities and the pipeline,
 * contracts and their hour ledger, tickets, time entries and timers, the pre-billing queue.
 * Each area brings its router and its OpenAPI paths here.
 */
export const psaApiModule: ApiModule = {
  key: 'psa',
  routers: (deps) => [{ path: '/psa/tickets', router: ticketsRouter(deps) }, { path: '/psa/contracts', router: contractsRouter(deps) },
    { path: '/psa/time-entries', router: timeEntriesRouter(deps) }, { path: '/psa/timer', router: timerRouter(deps) }, { path: '/psa/pre-billing', router: preBillingRouter(deps) },
    { path: '/psa/machines', router: machinesRouter(deps) }, { path: '/psa/inbound-mails', router: inboundMailsRouter(deps) }, { path: '/psa/sla-policies', router: slaPoliciesRouter(deps) }, { path: '/psa/business-calendars', router: businessCalendarsRouter(deps) },
    { path: '/psa', router: opportunitiesRouter(deps) }],
  openApiPaths: () => ({ ...ticketsOpenApiPaths(), ...contractsOpenApiPaths(), ...opportunitiesOpenApiPaths(), ...timeOpenApiPaths(), ...inboundMailsOpenApiPaths() }),
  onStart: async (deps) => { await deliverWaitingTicketsMessages(deps); await sendWaitingContractAlertMails(deps);
    // Tickets written without openTicket (the demo) join their process where they stand (api/psa/tickets.join.ts).
    await joinWaitingTickets(deps);
    // The SMTP intake (api/psa/mail-intake.service.ts says why the API runs it).
    await startConfiguredMailIntake(deps); },
};
