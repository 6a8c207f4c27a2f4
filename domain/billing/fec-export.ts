import { DateTime } from 'luxon';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, UnprocessableError, type FieldProblem } from '../errors';
import { billingMessage } from './billing.messages';
import type { BillingDocumentType, BillingParty } from './document-view';
import { totalsOf } from './document-view-of';
import { fecFile, type FecDocument, type FecPayment } from './fec';
import { loadProfile } from './profile';

/**
 * `GET /api/v1/billing/fec?from=&to=`: the FEC of the organisation's sales for a period (fec.ts), from
 * its issued invoices and credit notes (what was frozen at issue) and its payments ledger. The whole
 * ledger of the organisation, so it asks what reading it asks: the billing settings, invoices,
 * credit notes and payments (the accounting and administration roles; not a role that reads only its own).
 */
type Row = Record<string, unknown>;

/** A FEC covers a fiscal year, which may last up to 24 months (a first one). */
export const FEC_MAX_MONTHS = 24;
const INVOICE_TYPES: Record<string, BillingDocumentType> = { standard: 'invoice', deposit: 'deposit-invoice', final: 'final-invoice' };

function periodDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return DateTime.fromISO(value, { zone: 'UTC' }).isValid ? value : null;
}

/** The period asked (`from` and `to`, yyyy-mm-dd, both included), or a 422 naming what is wrong with it. */
export function fecPeriod(query: { from?: unknown; to?: unknown }): { from: string; to: string } {
  const from = periodDate(query.from);
  const to = periodDate(query.to);
  const problems: FieldProblem[] = [];
  if (!from) problems.push({ field: 'from', message: billingMessage('billing.fec-period-date', { bound: 'from' }) });
  if (!to) problems.push({ field: 'to', message: billingMessage('billing.fec-period-date', { bound: 'to' }) });
  if (from && to && to < from) problems.push({ field: 'to', message: billingMessage('billing.fec-period-order', { from, to }) });
  else if (from && to && DateTime.fromISO(from, { zone: 'UTC' }).plus({ months: FEC_MAX_MONTHS }) <= DateTime.fromISO(to, { zone: 'UTC' })) {
    problems.push({ field: 'to', message: billingMessage('billing.fec-period-too-long', { months: FEC_MAX_MONTHS }) });
  }
  if (problems.length) throw new UnprocessableError(problems[0]!.message, { errors: problems });
  return { from: from!, to: to! };
}

/** The FEC file of the period: its name (`<SIREN>FEC<yyyyMMdd>.txt`) and its bytes (ISO 8859-15). */
export async function exportFec(ctx: RequestContext, query: { from?: unknown; to?: unknown }): Promise<{ name: string; content: Buffer }> {
  for (const [subject, permission] of [['BillingSettings', 'billing.settings.read'], ['Invoice', 'billing.invoice.read'], ['CreditNote', 'billing.credit-note.read'], ['Payment', 'billing.payment.read']] as const) {
    if (!ctx.ability.can('read', subject)) throw new ForbiddenError(billingMessage('billing.forbidden', { permission }));
  }
  const period = fecPeriod(query);
  const profile = await loadProfile(ctx.trx, ctx.principal.tenantId);
  const siren = typeof profile.siren === 'string' && profile.siren.trim() ? profile.siren.trim() : null;
  if (!siren) throw new UnprocessableError(billingMessage('billing.fec-siren-missing'), { errors: [{ field: 'profile.siren', message: billingMessage('billing.fec-siren-missing') }] });

  const columns = ['number', 'accountId', 'issueDate', 'buyer', 'lines', 'vatBreakdown', 'totalExcludingTaxCents', 'totalTaxCents', 'totalIncludingTaxCents'];
  // One after the other: a transaction's statements run in turn on its one connection.
  const invoices = (await ctx.trx('billingInvoices').whereNotNull('number').whereBetween('issueDate', [period.from, period.to]).select('kind', ...columns)) as Row[];
  const creditNotes = (await ctx.trx('billingCreditNotes as cn').join('billingInvoices as i', 'i.id', 'cn.invoiceId')
    .whereNotNull('cn.number').whereBetween('cn.issueDate', [period.from, period.to])
    .select(...columns.filter((c) => c !== 'buyer').map((c) => `cn.${c}`), ctx.trx.raw('coalesce(cn.buyer, i.buyer) as buyer'), 'i.number as invoiceNumber', 'i.issueDate as invoiceIssueDate')) as Row[];
  const payments = (await ctx.trx('billingPayments as p').join('billingInvoices as i', 'i.id', 'p.invoiceId')
    .whereBetween('p.paidOn', [period.from, period.to])
    .select('p.id', 'p.amountCents', 'p.paidOn', 'p.method', 'p.reference', 'i.number as invoiceNumber', 'i.accountId', 'i.buyer')) as Row[];

  const documents: FecDocument[] = [
    ...invoices.map((row) => ({
      accountId: String(row.accountId),
      view: { type: INVOICE_TYPES[String(row.kind)] ?? 'invoice', number: String(row.number), issueDate: String(row.issueDate), buyer: row.buyer as BillingParty, totals: totalsOf(row), precedingInvoice: null },
    })),
    ...creditNotes.map((row) => ({
      accountId: String(row.accountId),
      view: {
        type: 'credit-note' as const, number: String(row.number), issueDate: String(row.issueDate), buyer: row.buyer as BillingParty, totals: totalsOf(row),
        precedingInvoice: row.invoiceNumber ? { number: String(row.invoiceNumber), issueDate: String(row.invoiceIssueDate) } : null,
      },
    })),
  ];
  const ledger: FecPayment[] = payments.map((row) => ({
    id: String(row.id),
    invoiceNumber: String(row.invoiceNumber),
    accountId: String(row.accountId),
    clientName: (row.buyer as BillingParty | null)?.name ?? '',
    paidOn: String(row.paidOn),
    amountCents: Number(row.amountCents),
    method: row.method as FecPayment['method'],
    reference: (row.reference as string | null) ?? null,
  }));
  const file = fecFile(siren, period, documents, ledger);
  return { name: file.name, content: file.content };
}
