import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { bufferMessage } from '../process/message-buffer';
import { deliverToSubscriber } from '../process/message-delivery';
import { isSettled } from './dunning';

/**
 * Stops an invoice's dunning (`billing.invoice-dunning`) the moment nothing is left to collect. Called
 * once a payment is recorded or a credit note issued has committed — by the payments ledger's API, the
 * Stripe webhook, the accounting sync — with the invoice's id: when nothing is left due, its instance
 * gets the message `billing.invoice-paid` (a payment settled it) or `billing.invoice-credited` (a credit note)
 * (correlation key: the invoice's id, the instance's business key); still due, nothing. The message
 * interrupts the payment follow-up wherever it stands (a timer, the formal-notice task). An instance not
 * waiting at that moment (a reminder being sent) finds it buffered when it next waits, and its reminders
 * read the invoice first anyway. Safe to call twice: a second message finds nobody waiting and expires.
 */
export const INVOICE_PAID_MESSAGE = 'billing.invoice-paid';
export const INVOICE_CREDITED_MESSAGE = 'billing.invoice-credited';

/** How long a message nobody waits for yet is kept (the instance is between two steps; Camunda's maximum). */
const BUFFER_MS = 7 * 86_400_000;

export type DunningNotice =
  | { sent: false; reason: 'still-due' | 'no-such-invoice' }
  | { sent: true; message: typeof INVOICE_PAID_MESSAGE | typeof INVOICE_CREDITED_MESSAGE; delivered: boolean };

/** `cause`: what just happened to the invoice (the message says whether a payment or a credit note settled it). */
export async function notifyDunning(knex: Knex, temporal: () => Promise<Client>, tenantId: string, invoiceId: string, cause: 'payment' | 'credit-note'): Promise<DunningNotice> {
  return withTenant({ tenantId }, async (trx) => {
    const invoice = (await trx('billingInvoices').where({ id: invoiceId }).first('status', 'amountDueCents', 'paidCents', 'creditedCents')) as Record<string, unknown> | undefined;
    if (!invoice) return { sent: false, reason: 'no-such-invoice' };
    if (!isSettled(invoice)) return { sent: false, reason: 'still-due' };
    const name = cause === 'credit-note' ? INVOICE_CREDITED_MESSAGE : INVOICE_PAID_MESSAGE;
    const message = {
      name, correlationKey: invoiceId,
      variables: { settlement: { status: String(invoice.status), paidCents: Number(invoice.paidCents), creditedCents: Number(invoice.creditedCents) } },
    };
    if (await deliverToSubscriber(trx, temporal, tenantId, message)) return { sent: true, message: name, delivered: true };
    await bufferMessage(trx, { tenantId, ...message, receivedBy: null }, BUFFER_MS);
    return { sent: true, message: name, delivered: false };
  }, knex);
}
