import { Router } from 'express';
import { paymentCreate } from '../../domain/events/contract.schema';
import { collaboratorQuery, listCollaborators } from '../../domain/events/collaborators';
import { listPayments, recordPayment, signContract } from '../../domain/events/contract-actions';
import { closeEvent } from '../../domain/events/event-actions';
import { eventClose } from '../../domain/events/event.schema';
import { LEAD_TO_EVENT_MESSAGES as MSG } from '../../domain/events/lead-to-event';
import { eventClients, eventContracts, eventEvents } from '../../domain/events/resources';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf } from '../http/if-match';
import { validate } from '../http/validate';
import { eventsImportRouter } from './import.router';
import { startLeadToEvent, tellLeadToEvent } from './lead-to-event.link';

/** The Epic Events vertical (spec 001): clients, contracts and payments, events; each change moves the client's process on. */
export function eventsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.use('/clients', recordRouter(deps, eventClients, {
    created: async (ctx, client) => { await startLeadToEvent(deps, ctx, client as { id: string; salesContactId: string | null }); },
  }));

  const contracts = Router();
  contracts.post('/:id/sign', inTenant(deps, async (req, ctx) => {
    const { contract, changed } = await signContract(ctx, String(req.params.id));
    return {
      body: contract, headers: { ETag: etagOf(contract.version as number) },
      afterCommit: changed ? tellLeadToEvent(deps, ctx, String(contract.clientId), MSG.contractSigned, { contractId: contract.id }) : undefined,
    };
  }));
  contracts.get('/:id/payments', inTenant(deps, async (req, ctx) => ({ body: { items: await listPayments(ctx, String(req.params.id)) } })));
  contracts.post('/:id/payments', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const result = await recordPayment(ctx, String(req.params.id), validate(paymentCreate, req.body));
    return { status: 201, body: result };
  })));
  contracts.use('/', recordRouter(deps, eventContracts, {
    created: async (ctx, contract) => tellLeadToEvent(deps, ctx, String(contract.clientId), MSG.contractCreated, { contractId: contract.id }),
  }));
  router.use('/contracts', contracts);

  const events = Router();
  events.use('/import', eventsImportRouter(deps));
  events.post('/:id/close', inTenant(deps, async (req, ctx) => {
    const { event, changed } = await closeEvent(ctx, String(req.params.id), validate(eventClose, req.body ?? {}));
    return {
      body: event, headers: { ETag: etagOf(event.version as number) },
      afterCommit: changed ? tellLeadToEvent(deps, ctx, String(event.clientId), MSG.eventClosed) : undefined,
    };
  }));
  events.use('/', recordRouter(deps, eventEvents, {
    created: async (ctx, event) => tellLeadToEvent(deps, ctx, String(event.clientId), MSG.eventCreated, {
      contractId: event.contractId, eventId: event.id, eventStartsAt: event.startsAt, eventEndsAt: event.endsAt,
      ...(event.supportContactId ? { supportContactId: event.supportContactId } : {}),
    }),
    updated: async (ctx, patch, event) => {
      const tell: Array<() => Promise<void>> = [];
      if (patch.supportContactId && event.supportContactId) {
        tell.push(tellLeadToEvent(deps, ctx, String(event.clientId), MSG.supportAssigned, { supportContactId: event.supportContactId }));
      }
      if (patch.startsAt !== undefined || patch.endsAt !== undefined) {
        tell.push(tellLeadToEvent(deps, ctx, String(event.clientId), MSG.eventRescheduled, { eventStartsAt: event.startsAt, eventEndsAt: event.endsAt }));
      }
      return tell.length ? async () => { for (const t of tell) await t(); } : undefined;
    },
  }));
  router.use('/events', events);

  router.get('/collaborators', inTenant(deps, async (req, ctx) => ({
    body: { items: await listCollaborators(ctx, validate(collaboratorQuery, req.query, 'query')) },
  })));
  return router;
}
