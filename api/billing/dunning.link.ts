import { startDunning } from '../../domain/billing/dunning-start';
import { notifyDunning } from '../../domain/billing/dunning-signal';
import type { RequestContext } from '../../domain/core/record-service';
import type { ApiDeps } from '../http/deps';

/**
 * What billing's actions do once their transaction committed, for the invoice's dunning
 * (`billing.invoice-dunning`): an issue starts it (asked for in the issuing transaction; the engine
 * away, it starts when the API next starts), a payment or a credit note that settles the invoice
 * stops it. Failures are logged by the request pipeline; the action itself is saved.
 */
export function startDunningAfterCommit(deps: ApiDeps, ctx: RequestContext, invoiceId: string | null | undefined): (() => Promise<void>) | undefined {
  if (!invoiceId) return undefined;
  const tenantId = ctx.principal.tenantId;
  return async () => { await startDunning(deps.knex, await deps.temporal(), deps.taskQueue, tenantId, invoiceId); };
}

export function notifyDunningAfterCommit(deps: ApiDeps, ctx: RequestContext, invoiceId: string, cause: 'payment' | 'credit-note'): () => Promise<void> {
  const tenantId = ctx.principal.tenantId;
  return async () => { await notifyDunning(deps.knex, deps.temporal, tenantId, invoiceId, cause); };
}
