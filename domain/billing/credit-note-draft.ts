import type { Knex } from 'knex';
import { UnprocessableError, ValidationError } from '../errors';
import { billingMessage } from './billing.messages';
import type { BillingLineInput, ComputedLine } from './line.schema';
import { priced } from './pricing';

type Row = Record<string, unknown>;

/** What remains creditable on an invoice: its total less the credit notes already issued on it. */
export const creditableCents = (invoice: Row) => Number(invoice.totalIncludingTaxCents) - Number(invoice.creditedCents);

/** An invoice's lines as the lines of a credit note cancelling it (new ids, amounts as invoiced). */
export function linesOfInvoice(invoice: Row): BillingLineInput[] {
  return (invoice.lines as ComputedLine[]).map((l) => ({
    catalogueItemId: l.catalogueItemId ?? null, description: l.description, quantity: l.quantity, unit: l.unit, unitPriceCents: l.unitPriceCents,
    discountBasisPoints: l.discountBasisPoints, vatRateBasisPoints: l.vatRateBasisPoints, vatCategory: l.vatCategory, vatExemptionReason: l.vatExemptionReason ?? null,
  }));
}

/**
 * The columns of a new draft credit note of an invoice (`invoiceId`, `reason`, optional `lines`):
 * the invoice must be issued; without lines it takes the invoice's (a full credit note), which is
 * possible only while nothing was credited yet; its total must be positive and at most what remains
 * creditable.
 */
export async function creditNoteDraft(trx: Knex.Transaction, tenantId: string, data: Row): Promise<Row> {
  const invoice = (await trx('billingInvoices').where({ id: data.invoiceId }).first()) as Row | undefined;
  if (!invoice) throw new ValidationError([{ field: 'invoiceId', message: billingMessage('billing.no-such-invoice') }]);
  if (invoice.status === 'draft') throw new UnprocessableError(billingMessage('billing.credit-note-invoice-not-issued'), { errors: [{ field: 'invoiceId', message: billingMessage('billing.credit-note-invoice-not-issued') }] });
  if (invoice.status === 'cancelled' || creditableCents(invoice) <= 0) {
    throw new UnprocessableError(billingMessage('billing.invoice-status', { action: 'credit', status: 'cancelled' }));
  }
  let lines = data.lines as BillingLineInput[] | undefined;
  if (!lines) {
    if (Number(invoice.creditedCents) > 0) throw new ValidationError([{ field: 'lines', message: billingMessage('billing.credit-lines-required') }]);
    lines = linesOfInvoice(invoice);
  }
  const { totals, columns } = await priced(trx, tenantId, lines);
  assertCreditable(totals.totalIncludingTaxCents, invoice);
  return { invoiceId: invoice.id, accountId: invoice.accountId, reason: data.reason ?? null, language: data.language ?? invoice.language, ...columns };
}

/** A credit note's total must be positive and within what remains creditable on its invoice. */
export function assertCreditable(amountCents: number, invoice: Row): void {
  if (amountCents <= 0) throw new UnprocessableError(billingMessage('billing.credit-not-positive'), { errors: [{ field: 'lines', message: billingMessage('billing.credit-not-positive') }] });
  const creditable = creditableCents(invoice);
  if (amountCents > creditable) {
    const message = billingMessage('billing.credit-over-creditable', { amountCents, creditableCents: creditable });
    throw new UnprocessableError(message, { errors: [{ field: 'lines', message }] });
  }
}
