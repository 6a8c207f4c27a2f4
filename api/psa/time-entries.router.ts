import { Router } from 'express';
import { ticketMessagesAfterCommit } from '../../domain/psa/ticket-actions';
import { approveTimeEntry, psaTimeEntries, requestTimeEntryChanges, submitTimeEntry, updateTimeEntry } from '../../domain/psa/time-entries';
import { timeEntryApprove, timeEntryReview, timerStart, timerStop } from '../../domain/psa/time-entry.schema';
import { currentTimer, discardTimer, startTimer, stopTimer } from '../../domain/psa/timer';
import { recordRouter } from '../core/record.router';
import { contractAlertMailsAfterCommit } from './contract-alert-mails';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/psa/time-entries` (issue 14): the record endpoints (list with `status`, `userId=me`,
 * `ticketId`, `week` filters; create a draft; read; history; delete a draft), a PATCH that also
 * corrects approved time (a manager: its deduction made again), and the review actions: submit,
 * approve, request changes.
 */
export function timeEntriesRouter(deps: ApiDeps): Router {
  const router = Router();
  /** Once committed: the closed ticket's process told its time moved (psa.ticket-time-approved, never throws), the hour bank's alert mails. */
  const afterCommit = (tenantId: string, alertMailIds: readonly string[], messageIds: readonly string[]) => {
    const mails = contractAlertMailsAfterCommit(deps, tenantId, alertMailIds);
    return mails || messageIds.length ? async () => { await ticketMessagesAfterCommit(deps, tenantId, messageIds); await mails?.(); } : undefined;
  };
  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const { entry, alerts, messageIds } = await updateTimeEntry(ctx, String(req.params.id), version, validate(psaTimeEntries.updateSchema, req.body));
    return { body: entry, headers: { ETag: etagOf(entry.version as number) }, afterCommit: afterCommit(ctx.principal.tenantId, alerts?.messageIds ?? [], messageIds) };
  }));
  router.post('/:id/submit', inTenant(deps, async (req, ctx) => {
    const entry = await submitTimeEntry(ctx, String(req.params.id));
    return { body: entry, headers: { ETag: etagOf(entry.version as number) } };
  }));
  router.post('/:id/approve', inTenant(deps, async (req, ctx) => {
    const { comment } = validate(timeEntryApprove, req.body ?? {});
    const { entry, ticket, alerts, messageIds } = await approveTimeEntry(ctx, String(req.params.id), comment);
    // An hour bank's threshold crossed: its mails, queued in the approval's transaction, leave once it committed; a closed ticket's process hears it.
    return {
      body: { ...entry, ticketApprovedMinutes: ticket.approvedMinutes, ticketBillableAmountCents: ticket.billableAmountCents }, headers: { ETag: etagOf(entry.version as number) },
      afterCommit: afterCommit(ctx.principal.tenantId, alerts.messageIds, messageIds),
    };
  }));
  router.post('/:id/request-changes', inTenant(deps, async (req, ctx) => {
    const { comment } = validate(timeEntryReview, req.body ?? {});
    const entry = await requestTimeEntryChanges(ctx, String(req.params.id), comment);
    return { body: entry, headers: { ETag: etagOf(entry.version as number) } };
  }));
  router.use('/', recordRouter(deps, psaTimeEntries));
  return router;
}

/** `/api/v1/psa/timer`: the caller's running timer, kept by the server (one per person). */
export function timerRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: await currentTimer(ctx), headers: { 'Cache-Control': 'no-store' } })));
  router.post('/start', inTenant(deps, async (req, ctx) => {
    const { timer, started, now } = await startTimer(ctx, validate(timerStart, req.body));
    return { status: started ? 201 : 200, body: { timer, now } };
  }));
  router.post('/stop', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const stopped = await stopTimer(ctx, validate(timerStop, req.body ?? {}));
    return { status: 201, body: stopped, headers: { Location: `${req.baseUrl.replace(/timer$/, 'time-entries')}/${String(stopped.entry.id)}` } };
  })));
  router.delete('/', inTenant(deps, async (_req, ctx) => {
    await discardTimer(ctx);
    return { status: 204 };
  }));
  return router;
}
