import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import { appendHistoryAs, createRecord, getRecord, loadFor, type RequestContext } from '../core/record-service';
import { billingMessage } from './billing.messages';
import type { BillingLineInput, VatBreakdownRow } from './line.schema';
import { issueInvoice, type ActionOptions } from './invoice-actions';
import { addDays, issueBasis, numberFor, storedLines, todayInParis } from './issue';
import { loadBuyer } from './parties';
import { totalsColumns } from './pricing';
import { billingInvoices, billingQuotes } from './resources';

/**
 * A quote's life (issue 13): draft → sent (numbered in the quotes' sequence, parties frozen) →
 * accepted (making its invoice or deposit invoice in the same action), refused or expired; a final
 * invoice of an accepted quote deducts its deposits.
 */
type Row = Record<string, unknown>;
const QUOTE_VALIDITY_DAYS = 30;

function wrongStatus(action: 'send' | 'accept' | 'refuse' | 'expire' | 'final', status: unknown): UnprocessableError {
  return new UnprocessableError(billingMessage('billing.quote-status', { action, status: String(status) }));
}

/** Sends a draft quote: the legal profile must be complete; it gets its number, an issue date and a validity (30 days unless given). */
export async function sendQuote(ctx: RequestContext, id: string, options: ActionOptions & { sentAt?: string } = {}): Promise<Row> {
  const current = await loadFor(ctx, billingQuotes, id, 'update', true);
  if (current.status !== 'draft') throw new ConflictError(billingMessage('billing.quote-status', { action: 'send', status: String(current.status) }));
  const { trx, principal } = ctx;
  const basis = await issueBasis(trx, principal.tenantId, 'quote', storedLines(current));
  const { party: buyer } = await loadBuyer(trx, String(current.accountId), (current.billingSiteId as string | null) ?? null);
  const issueDate = options.today ?? todayInParis();
  const number = await numberFor(trx, principal.tenantId, 'quote', issueDate, basis.profile);
  await trx('billingQuotes').where({ id }).update({
    ...totalsColumns(basis.totals), number, status: 'sent', issueDate, validUntil: current.validUntil ?? addDays(issueDate, QUOTE_VALIDITY_DAYS),
    seller: JSON.stringify(basis.seller), buyer: JSON.stringify(buyer), frozenTerms: JSON.stringify({ ...basis.terms, paymentTermsDays: Number(basis.profile.paymentTermsDays) }),
    sentAt: options.sentAt ?? trx.fn.now(), version: Number(current.version) + 1, updatedAt: trx.fn.now(),
  });
  await appendHistoryAs(ctx, { recordType: billingQuotes.recordType, recordId: id, action: 'send', changes: { status: { before: 'draft', after: 'sent' }, number: { before: null, after: number } } });
  return getRecord(ctx, billingQuotes, id);
}

async function decide(ctx: RequestContext, current: Row, status: 'accepted' | 'refused' | 'expired', action: 'accept' | 'refuse' | 'expire', reason?: string): Promise<void> {
  await ctx.trx('billingQuotes').where({ id: current.id }).update({ status, decidedAt: ctx.trx.fn.now(), version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  const changes = { status: { before: current.status, after: status }, ...(reason ? { reason } : {}) };
  await appendHistoryAs(ctx, { recordType: billingQuotes.recordType, recordId: String(current.id), action, changes });
}

/** One deposit line per VAT rate of the quote: the deposit's share of that rate's taxable amount, taxed at that rate. */
export function depositLines(quote: Row, basisPoints: number): BillingLineInput[] {
  const language = quote.language === 'en' ? 'en' : 'fr';
  return (quote.vatBreakdown as VatBreakdownRow[]).map((row) => ({
    description: billingMessage('billing.deposit-line', { percent: basisPoints, quote: String(quote.number), rate: row.rateBasisPoints }).render(language),
    quantity: 1,
    unitPriceCents: Math.round((row.taxableCents * basisPoints) / 10_000),
    vatRateBasisPoints: row.rateBasisPoints,
    vatCategory: row.category,
    vatExemptionReason: row.exemptionReason,
  }));
}

/** A draft invoice made from a quote: its client, billing site, reference and language, and the lines given. */
async function invoiceFromQuote(ctx: RequestContext, quote: Row, kind: 'standard' | 'deposit' | 'final', lines: BillingLineInput[], depositBasisPoints?: number): Promise<Row> {
  return createRecord(ctx, billingInvoices, {
    accountId: quote.accountId, billingSiteId: quote.billingSiteId ?? null, quoteId: quote.id, kind, lines,
    buyerReference: quote.buyerReference ?? null, language: quote.language, ...(depositBasisPoints ? { depositBasisPoints } : {}),
  });
}

/**
 * The client accepted a sent quote: it is marked accepted and, in the same transaction, makes the
 * invoice of the whole quote or a deposit invoice (`depositBasisPoints` of it), issued at once when
 * asked. Answers the quote and the invoice made (null for `invoice: "none"`).
 */
export async function acceptQuote(
  ctx: RequestContext, id: string, input: { invoice: 'standard' | 'deposit' | 'none'; depositBasisPoints?: number; issue: boolean }, options: ActionOptions = {},
): Promise<{ quote: Row; invoice: Row | null }> {
  const current = await loadFor(ctx, billingQuotes, id, 'update', true);
  if (current.status !== 'sent') throw wrongStatus('accept', current.status);
  if (input.invoice === 'deposit' && !input.depositBasisPoints) throw new ValidationError([{ field: 'depositBasisPoints', message: billingMessage('billing.deposit-rate-required') }]);
  await decide(ctx, current, 'accepted', 'accept');
  let invoice: Row | null = null;
  if (input.invoice === 'standard') invoice = await invoiceFromQuote(ctx, current, 'standard', storedLines(current));
  if (input.invoice === 'deposit') invoice = await invoiceFromQuote(ctx, current, 'deposit', depositLines(current, input.depositBasisPoints!), input.depositBasisPoints);
  if (invoice && input.issue) invoice = await issueInvoice(ctx, String(invoice.id), options);
  return { quote: await getRecord(ctx, billingQuotes, id), invoice };
}

export async function refuseQuote(ctx: RequestContext, id: string): Promise<Row> {
  const current = await loadFor(ctx, billingQuotes, id, 'update', true);
  if (current.status !== 'sent') throw wrongStatus('refuse', current.status);
  await decide(ctx, current, 'refused', 'refuse');
  return getRecord(ctx, billingQuotes, id);
}

/**
 * A sent quote past its validity without an answer expires (a person or a schedule asks); before that day it is
 * refused (422). `reason`: why, on the timeline (the daily run of domain/billing/quote-expiry.ts says it, in French).
 */
export async function expireQuote(ctx: RequestContext, id: string, options: ActionOptions & { reason?: string } = {}): Promise<Row> {
  const current = await loadFor(ctx, billingQuotes, id, 'update', true);
  if (current.status !== 'sent') throw wrongStatus('expire', current.status);
  const today = options.today ?? todayInParis();
  if (current.validUntil && String(current.validUntil) >= today) throw new UnprocessableError(billingMessage('billing.quote-still-valid', { validUntil: String(current.validUntil) }));
  await decide(ctx, current, 'expired', 'expire', options.reason);
  return getRecord(ctx, billingQuotes, id);
}

/** The final invoice of an accepted quote (draft): all its lines; at issue it deducts the quote's issued deposit invoices. */
export async function finalInvoiceOfQuote(ctx: RequestContext, id: string): Promise<Row> {
  const current = await loadFor(ctx, billingQuotes, id, 'read', true);
  if (current.status !== 'accepted') throw wrongStatus('final', current.status);
  return invoiceFromQuote(ctx, current, 'final', storedLines(current));
}
