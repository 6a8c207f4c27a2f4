import { ForbiddenError, ruleViolation } from '../errors';
import { appendHistoryAs, getRecord, loadFor, type RequestContext } from '../core/record-service';
import { payment, type PaymentCreate } from './contract.schema';
import { eventContracts } from './resources';
import { eventsMessage as m } from './events.messages';

type Row = Record<string, unknown>;

/** Marks a contract signed (spec 001: "le statut du contrat"); signing twice changes nothing. */
export async function signContract(ctx: RequestContext, id: string): Promise<{ contract: Row; changed: boolean }> {
  const current = await loadFor(ctx, eventContracts, id, 'update', true);
  if (current.signed) return { contract: await getRecord(ctx, eventContracts, id), changed: false };
  await ctx.trx('event_contracts').where({ id }).update({ signed: true, signedAt: ctx.trx.fn.now(), version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, { recordType: eventContracts.recordType, recordId: id, action: 'sign', changes: { signed: { before: false, after: true } } });
  return { contract: await getRecord(ctx, eventContracts, id), changed: true };
}

function presentPayment(row: Row): Row {
  const clean: Row = {};
  for (const key of Object.keys(payment.shape)) {
    const value = row[key];
    clean[key] = value instanceof Date ? value.toISOString() : value ?? null;
  }
  return clean;
}

export async function listPayments(ctx: RequestContext, contractId: string): Promise<Row[]> {
  await loadFor(ctx, eventContracts, contractId, 'read');
  if (!ctx.ability.can('read', 'EventPayment')) throw new ForbiddenError(m('events.forbidden-payments-read'));
  const rows = await ctx.trx('event_payments').where({ contractId }).orderBy([{ column: 'paidOn', order: 'asc' }, { column: 'createdAt', order: 'asc' }]);
  return rows.map(presentPayment);
}

/** Records money received against the amount due; a payment above what is due is refused. */
export async function recordPayment(ctx: RequestContext, contractId: string, input: PaymentCreate): Promise<{ payment: Row; contract: Row }> {
  if (!ctx.ability.can('create', 'EventPayment')) throw new ForbiddenError(m('events.forbidden-payments-create'));
  const current = await loadFor(ctx, eventContracts, contractId, 'read', true);
  const due = Number(current.amountDueCents);
  if (input.amountCents > due) {
    throw ruleViolation('amountCents', m('events.payment-over-due', { dueCents: Number(due) }));
  }
  const [row] = await ctx.trx('event_payments').insert({ ...input, tenantId: ctx.principal.tenantId, contractId, createdBy: ctx.principal.userId }).returning('*');
  await ctx.trx('event_contracts').where({ id: contractId })
    .update({ amountDueCents: due - input.amountCents, version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, {
    recordType: eventContracts.recordType, recordId: contractId, action: 'payment', changes: { amountDueCents: { before: due, after: due - input.amountCents } },
  });
  return { payment: presentPayment(row), contract: await getRecord(ctx, eventContracts, contractId) };
}
