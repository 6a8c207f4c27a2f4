import { ConflictError, ForbiddenError } from '../errors';
import { appendHistoryAs, createRecord, getRecord, loadFor, type RequestContext } from '../core/record-service';
import { billingMessage } from './billing.messages';
import { assertCreditable } from './credit-note-draft';
import type { BillingLineInput } from './line.schema';
import { applyToInvoice, type ActionOptions } from './invoice-actions';
import { issueBasis, numberFor, storedLines, todayInParis } from './issue';
import { totalsColumns } from './pricing';
import { billingCreditNotes, billingInvoices } from './resources';

/**
 * Credit notes (avoirs): the only way an issued invoice changes. A credit note has its own gapless
 * sequence; issuing it takes its amount off what the invoice still has due (what was already paid
 * beyond that becomes the client's account credit) and cancels the invoice when it credits all of it.
 */
type Row = Record<string, unknown>;

/**
 * Issues a draft credit note: numbered in the credit notes' sequence, the seller frozen, the buyer
 * that of its invoice; then its invoice's amounts and status follow.
 */
export async function issueCreditNote(ctx: RequestContext, id: string, options: ActionOptions = {}): Promise<Row> {
  const current = await loadFor(ctx, billingCreditNotes, id, 'update', true);
  if (current.status !== 'draft') throw new ConflictError(billingMessage('billing.credit-note-issued-immutable', { number: String(current.number) }));
  const { trx, principal } = ctx;
  const invoice = (await trx('billingInvoices').where({ id: current.invoiceId }).forUpdate().first()) as Row;
  const basis = await issueBasis(trx, principal.tenantId, 'credit-note', storedLines(current));
  const amount = basis.totals.totalIncludingTaxCents;
  assertCreditable(amount, invoice);
  const applied = Math.min(amount, Number(invoice.amountDueCents));
  const toAccountCredit = amount - applied;
  const issueDate = options.today ?? todayInParis();
  const number = await numberFor(trx, principal.tenantId, 'credit-note', issueDate, basis.profile);
  await trx('billingCreditNotes').where({ id }).update({
    ...totalsColumns(basis.totals), number, status: 'issued', issueDate,
    seller: JSON.stringify(basis.seller), buyer: JSON.stringify(invoice.buyer), frozenTerms: JSON.stringify({ ...basis.terms, paymentTermsDays: 0 }),
    appliedCents: applied, toAccountCreditCents: toAccountCredit, issuedAt: trx.fn.now(), issuedBy: principal.userId,
    version: Number(current.version) + 1, updatedAt: trx.fn.now(),
  });
  if (toAccountCredit > 0) {
    await trx('billingAccountCredits').insert({
      tenantId: principal.tenantId, accountId: invoice.accountId, amountCents: toAccountCredit, creditNoteId: id, invoiceId: invoice.id, createdBy: principal.userId,
    });
  }
  await appendHistoryAs(ctx, { recordType: billingCreditNotes.recordType, recordId: id, action: 'issue', changes: { status: { before: 'draft', after: 'issued' }, number: { before: null, after: number } } });
  await applyToInvoice(ctx, invoice, { creditedCents: amount, dueCents: applied }, 'credit', { creditNote: { before: null, after: number } });
  return getRecord(ctx, billingCreditNotes, id);
}

/**
 * POST /invoices/{id}/credit-note: a credit note of the invoice (all that remains when no lines are
 * given), issued at once unless `draft`. Answers the credit note and the invoice after it.
 */
export async function creditInvoice(
  ctx: RequestContext, invoiceId: string, input: { reason?: string | null; lines?: BillingLineInput[]; draft?: boolean }, options: ActionOptions = {},
): Promise<{ creditNote: Row; invoice: Row }> {
  await loadFor(ctx, billingInvoices, invoiceId, 'read');
  if (!ctx.ability.can('create', 'CreditNote')) throw new ForbiddenError(billingMessage('billing.forbidden', { permission: 'billing.credit-note.create' }));
  const draft = await createRecord(ctx, billingCreditNotes, { invoiceId, reason: input.reason ?? null, ...(input.lines ? { lines: input.lines } : {}) });
  const creditNote = input.draft ? draft : await issueCreditNote(ctx, String(draft.id), options);
  return { creditNote, invoice: await getRecord(ctx, billingInvoices, invoiceId) };
}
