import type { Knex } from 'knex';
import type { AccountingDocument, AccountingLine, AccountingProvider, PaymentState, PushResult } from '../../../integrations/accounting/accounting.port';
import { processContext } from '../../core/process-context';
import { DomainError } from '../../errors';
import type { BillingDocumentView } from '../document-view';
import { recordInvoicePayment } from '../invoice-actions';
import { todayInParis } from '../issue';

/**
 * What the accounting sync reads and writes in one organisation (activities/billing/accounting-sync.activities.ts):
 * the issued documents not yet pushed (invoices before the credit notes that correct them), the
 * memory of each push (billing_accounting_pushes: the provider's id, or the last failure and how
 * many), and the payment states pulled back, recorded in the ledger as the payments they imply.
 */
export type DocumentType = 'invoice' | 'credit-note';

/** After this many failed pushes a document waits for a person (its last error is kept). */
export const MAX_PUSH_ATTEMPTS = 10;

/** The permissions the sync acts with (no user: processContext). */
export const SYNC_PERMISSIONS = ['billing.invoice.read', 'billing.credit-note.read', 'billing.payment.create', 'core.account.read'] as const;

export async function documentsToPush(trx: Knex.Transaction, provider: AccountingProvider, limit = 50): Promise<Array<{ type: DocumentType; id: string }>> {
  const { rows } = await trx.raw(`
    select d.type, d.id from (
      select 'invoice' as type, 0 as rank, i.id, i.issued_at from billing_invoices i where i.number is not null
      union all
      select 'credit-note', 1, c.id, c.issued_at from billing_credit_notes c where c.number is not null
    ) d
    where not exists (
      select 1 from billing_accounting_pushes p
      where p.provider = ? and p.document_type = d.type and p.document_id = d.id and (p.status = 'pushed' or p.attempts >= ?)
    )
    order by d.rank, d.issued_at, d.id
    limit ?`, [provider, MAX_PUSH_ATTEMPTS, limit]);
  return rows.map((r: { type: DocumentType; id: string }) => ({ type: r.type, id: r.id }));
}

/**
 * Each line's share of its rate's VAT: EN 16931 computes the tax per rate, so the lines' shares are
 * allotted (largest remainder) to add up exactly to the breakdown, as Factur-X and Pennylane check.
 */
export function lineTaxShares(view: Pick<BillingDocumentView, 'totals'>): number[] {
  const lines = view.totals.lines;
  const shares = lines.map(() => 0);
  for (const row of view.totals.vatBreakdown) {
    const members = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.vatCategory === row.category && line.vatRateBasisPoints === row.rateBasisPoints);
    const base = members.reduce((sum, { line }) => sum + line.netCents, 0);
    if (!members.length || base === 0) continue;
    const exact = members.map(({ line, index }) => ({ index, value: (row.taxCents * line.netCents) / base }));
    for (const e of exact) shares[e.index] = Math.trunc(e.value);
    let left = row.taxCents - exact.reduce((sum, e) => sum + Math.trunc(e.value), 0);
    const step = Math.sign(left);
    const order = [...exact].sort((a, b) => Math.abs(b.value - Math.trunc(b.value)) - Math.abs(a.value - Math.trunc(a.value)));
    for (let i = 0; left !== 0 && order.length; i = (i + 1) % order.length, left -= step) shares[order[i]!.index] += step;
  }
  return shares;
}

/** The document as the accounting port takes it, from its frozen view (never today's data). */
export function accountingDocumentOf(type: DocumentType, view: BillingDocumentView, accountId: string, pdf: Buffer): AccountingDocument {
  const shares = lineTaxShares(view);
  const lines: AccountingLine[] = view.totals.lines.map((line, index) => ({
    label: line.description.slice(0, 500), quantity: line.quantity, unit: line.unit ?? null, vatRateBasisPoints: line.vatRateBasisPoints,
    lineExcludingTaxCents: line.netCents, lineTaxCents: shares[index] ?? 0,
  }));
  const number = view.number ?? '';
  return {
    kind: type, reference: view.id, number, issueDate: view.issueDate, dueDate: view.dueDate ?? view.issueDate, currency: view.currency,
    totalExcludingTaxCents: view.totals.totalExcludingTaxCents, totalTaxCents: view.totals.totalTaxCents, totalIncludingTaxCents: view.totals.totalIncludingTaxCents,
    lines,
    customer: {
      reference: accountId, name: view.buyer.name, siren: view.buyer.siren, vatNumber: view.buyer.vatNumber, email: view.buyer.email,
      addressLine1: view.buyer.addressLine1, postalCode: view.buyer.postalCode, city: view.buyer.city, country: view.buyer.country, language: view.language,
    },
    creditedNumber: type === 'credit-note' ? (view.precedingInvoice?.number ?? null) : null,
    pdf, filename: `${number.replace(/[^\w.-]+/g, '_')}.pdf`,
  };
}

/** Keeps what a push answered: the provider's id, or the failure (counted). */
export async function recordPush(trx: Knex.Transaction, tenantId: string, provider: AccountingProvider, type: DocumentType, id: string, result: PushResult): Promise<void> {
  const key = { tenantId, provider, documentType: type, documentId: id };
  const previous = await trx('billingAccountingPushes').where(key).forUpdate().first('attempts');
  const attempts = Number(previous?.attempts ?? 0) + 1;
  const row = result.ok
    ? { ...key, status: 'pushed', externalId: result.externalId, attempts, lastError: null, pushedAt: trx.fn.now(), updatedAt: trx.fn.now() }
    : { ...key, status: 'failed', attempts, lastError: `${result.reason}: ${result.message}`.slice(0, 1000), updatedAt: trx.fn.now() };
  await trx('billingAccountingPushes').insert(row).onConflict(['tenantId', 'provider', 'documentType', 'documentId']).merge();
}

export async function loadCursor(trx: Knex.Transaction, provider: AccountingProvider): Promise<string | null> {
  const row = await trx('billingAccountingCursors').where({ provider }).first('cursor');
  return (row?.cursor as string | null) ?? null;
}

export async function saveCursor(trx: Knex.Transaction, tenantId: string, provider: AccountingProvider, cursor: string | null): Promise<void> {
  await trx('billingAccountingCursors').insert({ tenantId, provider, cursor, pulledAt: trx.fn.now() }).onConflict(['tenantId', 'provider']).merge();
}

export interface AppliedState {
  invoiceId: string;
  outcome: 'payment-recorded' | 'already-recorded' | 'nothing-new' | 'refused-by-ledger';
  amountCents: number;
}

/**
 * Turns what the accounting software says into the ledger: an invoice of ours it says is owed less
 * than we think was paid by the difference (a bank transfer it matched). The payment's external id
 * is the provider's document and the amount it says remains, so reading the same state again adds
 * nothing. Credit notes, documents not ours and states owing more than we think are left alone.
 */
export async function applyPaymentState(trx: Knex.Transaction, tenantId: string, provider: AccountingProvider, state: PaymentState, requestId: string): Promise<AppliedState | null> {
  if (!/^[0-9a-f-]{36}$/i.test(state.reference)) return null;
  const invoice = await trx('billingInvoices').where({ id: state.reference }).first('id', 'amountDueCents', 'status');
  if (!invoice || invoice.status === 'draft') return null;
  const newlyPaid = Number(invoice.amountDueCents) - state.remainingCents;
  if (newlyPaid <= 0) return { invoiceId: invoice.id, outcome: 'nothing-new', amountCents: 0 };
  const ctx = processContext(trx, tenantId, requestId, SYNC_PERMISSIONS);
  try {
    const { duplicate } = await recordInvoicePayment(ctx, invoice.id, {
      amountCents: newlyPaid, paidOn: todayInParis(Number.isNaN(Date.parse(state.changedAt)) ? new Date() : new Date(state.changedAt)), method: 'transfer',
      reference: `${provider} ${state.externalId}`, externalId: `${provider}:${state.externalId}:remaining-${state.remainingCents}`,
    }, 'accounting');
    return { invoiceId: invoice.id, outcome: duplicate ? 'already-recorded' : 'payment-recorded', amountCents: newlyPaid };
  } catch (error) {
    if (error instanceof DomainError && error.status === 422) return { invoiceId: invoice.id, outcome: 'refused-by-ledger', amountCents: newlyPaid };
    throw error;
  }
}
