import { ConflictError, ForbiddenError, UnprocessableError, ValidationError } from '../errors';
import { appendHistoryAs, getRecord, loadFor, readableQuery, type RequestContext } from '../core/record-service';
import { coreMessage } from '../i18n/core.messages';
import { billingMessage } from './billing.messages';
import { requestDunning } from './dunning-start';
import { payment as paymentSchema, type PaymentCreate } from './billing.schema';
import { addDays, issueBasis, numberFor, storedLines, todayInParis, type FrozenTerms } from './issue';
import { assertBuyerComplete, loadBuyer } from './parties';
import { totalsColumns } from './pricing';
import { billingInvoices } from './resources';

/**
 * The invoice's life after its draft (issue 13): issue (numbered, frozen), send, payments (partial,
 * several, never above what is due), overdue, account credit. Each is one transaction: the invoice's
 * row is locked first, so two actions on one invoice take turns.
 */
type Row = Record<string, unknown>;

/** The options an action takes from a process or a seed rather than from a request: the day it happens. */
export interface ActionOptions {
  /** The calendar day (yyyy-mm-dd, Paris) the action takes effect; today when left out. */
  today?: string;
}

function requirePayments(ctx: RequestContext, action: 'read' | 'create'): void {
  if (!ctx.ability.can(action, 'Payment')) throw new ForbiddenError(billingMessage('billing.forbidden', { permission: `billing.payment.${action}` }));
}

/** The status an issued invoice has after its amounts changed: cancelled when fully credited, paid when nothing is due… */
export function settledStatus(invoice: Row): string {
  const total = Number(invoice.totalIncludingTaxCents);
  if (total > 0 && Number(invoice.creditedCents) >= total) return 'cancelled';
  if (Number(invoice.amountDueCents) === 0) return 'paid';
  if (invoice.status === 'overdue') return 'overdue';
  if (Number(invoice.paidCents) > 0) return 'partially_paid';
  return invoice.sentAt ? 'sent' : 'issued';
}

/**
 * Issues a draft invoice: the legal profile and the client must carry what the law requires (422
 * naming what is missing), the lines must be coherent; then the number is drawn (gapless: the same
 * transaction), the seller, the client and the terms are frozen, the due date set, and the invoice
 * can no longer change (a credit note corrects it).
 */
export async function issueInvoice(ctx: RequestContext, id: string, options: ActionOptions = {}): Promise<Row> {
  const current = await loadFor(ctx, billingInvoices, id, 'update', true);
  if (current.status !== 'draft') throw new ConflictError(billingMessage('billing.invoice-already-issued', { number: String(current.number) }));
  const { trx, principal } = ctx;
  const basis = await issueBasis(trx, principal.tenantId, 'invoice', storedLines(current));
  if (basis.totals.totalIncludingTaxCents < 0) throw new UnprocessableError(billingMessage('billing.negative-total'), { errors: [{ field: 'lines', message: billingMessage('billing.negative-total') }] });
  const { party: buyer, accountName } = await loadBuyer(trx, String(current.accountId), (current.billingSiteId as string | null) ?? null);
  assertBuyerComplete(buyer, accountName, basis.totals);

  const issueDate = options.today ?? todayInParis();
  const account = (await trx('accounts').where({ id: current.accountId }).first('paymentTermsDays')) as { paymentTermsDays: number | null };
  const paymentTermsDays = Number(current.paymentTermsDays ?? account.paymentTermsDays ?? basis.profile.paymentTermsDays);
  const deposits = current.kind === 'final' && current.quoteId ? await depositsOf(ctx, String(current.quoteId)) : [];
  const depositsDeductedCents = deposits.reduce((sum, d) => sum + d.amountIncludingTaxCents, 0);
  const amountDueCents = Math.max(0, basis.totals.totalIncludingTaxCents - depositsDeductedCents);
  const number = await numberFor(trx, principal.tenantId, 'invoice', issueDate, basis.profile);
  const terms: FrozenTerms = { ...basis.terms, paymentTermsDays };
  await trx('billingInvoices').where({ id }).update({
    ...totalsColumns(basis.totals),
    number, status: amountDueCents === 0 ? 'paid' : 'issued', issueDate, dueDate: addDays(issueDate, paymentTermsDays), paymentTermsDays,
    seller: JSON.stringify(basis.seller), buyer: JSON.stringify(buyer), frozenTerms: JSON.stringify(terms),
    depositsDeducted: JSON.stringify(deposits), depositsDeductedCents, amountDueCents,
    issuedAt: trx.fn.now(), issuedBy: principal.userId, version: Number(current.version) + 1, updatedAt: trx.fn.now(),
  });
  await appendHistoryAs(ctx, { recordType: billingInvoices.recordType, recordId: id, action: 'issue', changes: { status: { before: 'draft', after: 'issued' }, number: { before: null, after: number } } });
  // Its dunning (billing.invoice-dunning), asked for in this transaction: started once it commits (dunning-start.ts).
  if (amountDueCents > 0) await requestDunning(trx, principal.tenantId, id);
  return getRecord(ctx, billingInvoices, id);
}

/** The issued deposit invoices of a quote, as a final invoice deducts them (what was invoiced, less what was credited). */
export async function depositsOf(ctx: RequestContext, quoteId: string): Promise<Array<{ id: string; number: string; issueDate: string; amountIncludingTaxCents: number }>> {
  const rows = await ctx.trx('billingInvoices').where({ quoteId, kind: 'deposit' }).whereNotIn('status', ['draft', 'cancelled']).orderBy('issueDate').orderBy('number')
    .select('id', 'number', 'issueDate', 'totalIncludingTaxCents', 'creditedCents');
  return rows.map((r) => ({ id: r.id, number: r.number, issueDate: r.issueDate, amountIncludingTaxCents: Number(r.totalIncludingTaxCents) - Number(r.creditedCents) }));
}

/** Notes the invoice sent to the client (by the mail port, or by hand); an issued invoice becomes « sent ». Sending again is allowed. */
export async function markInvoiceSent(ctx: RequestContext, id: string, sentAt?: string): Promise<Row> {
  const current = await loadFor(ctx, billingInvoices, id, 'update', true);
  if (current.status === 'draft' || current.status === 'cancelled') {
    throw new UnprocessableError(billingMessage('billing.invoice-status', { action: 'send', status: String(current.status) }));
  }
  const status = current.status === 'issued' ? 'sent' : String(current.status);
  await ctx.trx('billingInvoices').where({ id }).update({ status, sentAt: sentAt ?? ctx.trx.fn.now(), version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, { recordType: billingInvoices.recordType, recordId: id, action: 'send', changes: status !== current.status ? { status: { before: current.status, after: status } } : {} });
  return getRecord(ctx, billingInvoices, id);
}

/** An invoice past its due date with money still due becomes « overdue » (the dunning process asks); otherwise nothing changes. */
export async function markInvoiceOverdue(ctx: RequestContext, id: string, options: ActionOptions = {}): Promise<{ invoice: Row; changed: boolean }> {
  const current = await loadFor(ctx, billingInvoices, id, 'update', true);
  const today = options.today ?? todayInParis();
  const late = ['issued', 'sent', 'partially_paid'].includes(String(current.status)) && Number(current.amountDueCents) > 0 && String(current.dueDate) < today;
  if (!late) return { invoice: await getRecord(ctx, billingInvoices, id), changed: false };
  await ctx.trx('billingInvoices').where({ id }).update({ status: 'overdue', version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, { recordType: billingInvoices.recordType, recordId: id, action: 'update', changes: { status: { before: current.status, after: 'overdue' } } });
  return { invoice: await getRecord(ctx, billingInvoices, id), changed: true };
}

function presentPayment(row: Row): Row {
  const out: Row = {};
  for (const key of Object.keys(paymentSchema.shape)) {
    const value = row[key];
    out[key] = value instanceof Date ? value.toISOString() : value ?? null;
  }
  return out;
}

export async function listInvoicePayments(ctx: RequestContext, invoiceId: string): Promise<Row[]> {
  await loadFor(ctx, billingInvoices, invoiceId, 'read');
  requirePayments(ctx, 'read');
  const rows = await ctx.trx('billingPayments').where({ invoiceId }).orderBy([{ column: 'paidOn', order: 'asc' }, { column: 'createdAt', order: 'asc' }]);
  return rows.map(presentPayment);
}

/** Who reports a payment: a person (manual), a payment provider or the accounting software (their id makes it idempotent). */
export type PaymentSource = 'manual' | 'stripe' | 'accounting';

/**
 * Records money received against an issued invoice: partial and several payments, never above what
 * is due (422 saying how much is). A payment whose `externalId` was already recorded answers the first
 * one and changes nothing (`duplicate`), so a provider's repeated notice is one payment.
 */
export async function recordInvoicePayment(
  ctx: RequestContext, invoiceId: string, input: PaymentCreate, source: PaymentSource = 'manual', options: ActionOptions = {},
): Promise<{ payment: Row; invoice: Row; duplicate: boolean }> {
  requirePayments(ctx, 'create');
  const current = await loadFor(ctx, billingInvoices, invoiceId, 'read', true);
  if (input.externalId) {
    const known = (await ctx.trx('billingPayments').where({ externalId: input.externalId }).first()) as Row | undefined;
    if (known) return { payment: presentPayment(known), invoice: await getRecord(ctx, billingInvoices, String(known.invoiceId)), duplicate: true };
  }
  if (current.status === 'draft' || current.status === 'cancelled' || current.status === 'paid') {
    throw new UnprocessableError(billingMessage('billing.invoice-status', { action: 'pay', status: String(current.status) }));
  }
  const due = Number(current.amountDueCents);
  if (input.amountCents > due) {
    const message = billingMessage('billing.payment-over-due', { amountCents: input.amountCents, dueCents: due });
    throw new UnprocessableError(message, { errors: [{ field: 'amountCents', message }] });
  }
  const paidOn = input.paidOn ?? options.today ?? todayInParis();
  const [row] = await ctx.trx('billingPayments').insert({
    tenantId: ctx.principal.tenantId, invoiceId, amountCents: input.amountCents, paidOn, method: input.method, reference: input.reference ?? null,
    externalId: input.externalId ?? null, source, createdBy: ctx.principal.userId,
  }).returning('*');
  await applyToInvoice(ctx, current, { paidCents: input.amountCents }, 'payment');
  return { payment: presentPayment(row), invoice: await getRecord(ctx, billingInvoices, invoiceId), duplicate: false };
}

/** Moves an issued invoice's amounts (a payment, a credit) and its status with them, on its timeline. */
export async function applyToInvoice(ctx: RequestContext, current: Row, change: { paidCents?: number; creditedCents?: number; dueCents: number } | { paidCents: number }, action: 'payment' | 'credit', extra: Row = {}): Promise<void> {
  const paid = Number(current.paidCents) + (change.paidCents ?? 0);
  const credited = Number(current.creditedCents) + ('creditedCents' in change ? change.creditedCents ?? 0 : 0);
  const dueOff = 'dueCents' in change ? change.dueCents : change.paidCents;
  const next = { ...current, paidCents: paid, creditedCents: credited, amountDueCents: Number(current.amountDueCents) - dueOff };
  const status = settledStatus(next);
  await ctx.trx('billingInvoices').where({ id: current.id }).update({
    paidCents: paid, creditedCents: credited, amountDueCents: next.amountDueCents, status, version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now(),
  });
  const changes: Row = { amountDueCents: { before: Number(current.amountDueCents), after: next.amountDueCents } };
  if (status !== current.status) changes.status = { before: current.status, after: status };
  await appendHistoryAs(ctx, { recordType: billingInvoices.recordType, recordId: String(current.id), action, changes: { ...changes, ...extra } });
}

/** The client's unapplied credit (credit notes above what remained due), read with the account's row locked when `lock`. */
export async function availableCredit(ctx: RequestContext, accountId: string, lock = false): Promise<number> {
  if (lock) await ctx.trx('accounts').where({ id: accountId }).forUpdate().first('id');
  const row = await ctx.trx('billingAccountCredits').where({ accountId }).sum({ total: 'amountCents' }).first();
  return Number(row?.total ?? 0);
}

/** Uses the client's available credit against an issued invoice: a payment by account credit, at most what is due and what is available. */
export async function applyAccountCredit(ctx: RequestContext, invoiceId: string, amountCents: number | undefined, options: ActionOptions = {}): Promise<{ payment: Row; invoice: Row }> {
  requirePayments(ctx, 'create');
  const current = await loadFor(ctx, billingInvoices, invoiceId, 'read', true);
  if (current.status === 'draft' || current.status === 'cancelled' || current.status === 'paid') {
    throw new UnprocessableError(billingMessage('billing.invoice-status', { action: 'apply-credit', status: String(current.status) }));
  }
  const available = await availableCredit(ctx, String(current.accountId), true);
  if (available <= 0) throw new UnprocessableError(billingMessage('billing.no-account-credit'));
  const due = Number(current.amountDueCents);
  const amount = amountCents ?? Math.min(available, due);
  if (amount > available) throw new UnprocessableError(billingMessage('billing.credit-over-available', { amountCents: amount, availableCents: available }), { errors: [{ field: 'amountCents', message: billingMessage('billing.credit-over-available', { amountCents: amount, availableCents: available }) }] });
  if (amount > due) {
    const message = billingMessage('billing.payment-over-due', { amountCents: amount, dueCents: due });
    throw new UnprocessableError(message, { errors: [{ field: 'amountCents', message }] });
  }
  const [row] = await ctx.trx('billingPayments').insert({
    tenantId: ctx.principal.tenantId, invoiceId, amountCents: amount, paidOn: options.today ?? todayInParis(), method: 'account_credit', source: 'account_credit', createdBy: ctx.principal.userId,
  }).returning('*');
  await ctx.trx('billingAccountCredits').insert({
    tenantId: ctx.principal.tenantId, accountId: current.accountId, amountCents: -amount, invoiceId, paymentId: row.id, createdBy: ctx.principal.userId,
  });
  await applyToInvoice(ctx, current, { paidCents: amount }, 'payment');
  return { payment: presentPayment(row), invoice: await getRecord(ctx, billingInvoices, invoiceId) };
}

/** An account's standing: what was invoiced, is due and overdue (issued invoices the user may read), and its available credit. */
export async function accountBalance(ctx: RequestContext, accountId: string): Promise<Row> {
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw new ValidationError([{ field: 'accountId', message: coreMessage('field.uuid') }]);
  const qb = readableQuery(ctx, billingInvoices);
  if (!qb) throw new ForbiddenError(billingMessage('billing.forbidden', { permission: 'billing.invoice.read' }));
  const account = await ctx.trx('accounts').where({ id: accountId }).first('id');
  if (!account) throw new ValidationError([{ field: 'accountId', message: coreMessage('field.no-such-account') }]);
  const rows = (await qb.clearSelect().where('t.accountId', accountId).whereNotIn('t.status', ['draft', 'cancelled'])
    .select('t.totalIncludingTaxCents', 't.creditedCents', 't.amountDueCents', 't.dueDate')) as Row[];
  const today = todayInParis();
  const sum = (pick: (r: Row) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    accountId,
    invoicedCents: sum((r) => Number(r.totalIncludingTaxCents) - Number(r.creditedCents)),
    dueCents: sum((r) => Number(r.amountDueCents)),
    overdueCents: sum((r) => (Number(r.amountDueCents) > 0 && String(r.dueDate) < today ? Number(r.amountDueCents) : 0)),
    creditCents: ctx.ability.can('read', 'Payment') ? await availableCredit(ctx, accountId) : 0,
    openInvoices: rows.filter((r) => Number(r.amountDueCents) > 0).length,
  };
}
