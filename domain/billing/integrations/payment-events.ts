import type { Knex } from 'knex';
import type { CheckoutSession } from '../../../integrations/payments/payments.port';
import { processContext } from '../../core/process-context';
import { DomainError } from '../../errors';
import { recordInvoicePayment } from '../invoice-actions';
import { todayInParis } from '../issue';
import { billingIntegrationMessage } from './integrations.messages';

/**
 * What a payment provider's notification does, once its signature is checked
 * (api/billing/stripe-webhook.router.ts): each event id is handled once per
 * organisation (billing_webhook_events, under an advisory lock for that id),
 * and a paid Checkout Session records one payment on its invoice — the
 * session's id is the payment's external id, so two notifications of one
 * session (completed, then async_payment_succeeded) still make one payment.
 */
export interface PaymentNotice {
  provider: 'sandbox' | 'stripe';
  eventId: string;
  eventType: string;
  /** Seconds since the epoch. */
  created: number;
  account: string | null;
  session: CheckoutSession | null;
}

export type NoticeOutcome =
  | 'payment-recorded'
  | 'already-recorded'
  | 'duplicate-event'
  | 'awaiting-payment'
  | 'ignored-type'
  | 'ignored-other-organisation'
  | 'ignored-other-account'
  | 'ignored-unknown-invoice'
  | 'ignored-currency'
  | 'refused-by-ledger';

export interface NoticeResult {
  outcome: NoticeOutcome;
  invoiceId: string | null;
  paymentId: string | null;
  /** The invoice is settled now (nothing due): the dunning process must stop. */
  invoicePaid: boolean;
  /** Why the ledger refused it (over what is due, invoice cancelled…), in French. */
  detail?: string;
}

/** The notifications that report money received. */
export const PAID_EVENTS = ['checkout.session.completed', 'checkout.session.async_payment_succeeded'] as const;

const PERMISSIONS = ['billing.invoice.read', 'billing.payment.create'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function decide(trx: Knex.Transaction, tenantId: string, notice: PaymentNotice, expectedAccount: string | null, requestId: string): Promise<NoticeResult> {
  const none = { invoiceId: null, paymentId: null, invoicePaid: false };
  const session = notice.session;
  if (!session || !(PAID_EVENTS as readonly string[]).includes(notice.eventType)) return { outcome: 'ignored-type', ...none };
  if (expectedAccount && notice.account !== expectedAccount) return { outcome: 'ignored-other-account', ...none };
  if (session.metadata.tenantId !== tenantId) return { outcome: 'ignored-other-organisation', ...none };
  const invoiceId = session.metadata.invoiceId ?? '';
  if (!UUID.test(invoiceId) || !(await trx('billingInvoices').where({ id: invoiceId }).first('id'))) return { outcome: 'ignored-unknown-invoice', ...none };
  if (session.paymentStatus !== 'paid') return { outcome: 'awaiting-payment', ...none, invoiceId };
  if (session.currency !== 'EUR') return { outcome: 'ignored-currency', ...none, invoiceId };
  const ctx = processContext(trx, tenantId, requestId, PERMISSIONS);
  try {
    const { payment, invoice, duplicate } = await recordInvoicePayment(ctx, invoiceId, {
      amountCents: session.amountTotalCents,
      paidOn: todayInParis(new Date(notice.created * 1000)),
      method: 'card',
      reference: billingIntegrationMessage('billing.integrations.payment-reference', { session: session.paymentReference ?? session.id }).render('fr').slice(0, 200),
      externalId: `${notice.provider}:${session.id}`,
    }, 'stripe');
    return { outcome: duplicate ? 'already-recorded' : 'payment-recorded', invoiceId, paymentId: String(payment.id), invoicePaid: Number(invoice.amountDueCents) === 0 };
  } catch (error) {
    // Money taken that the ledger cannot hold (more than is due, a cancelled invoice): kept as refused for a person to
    // settle (refund, account credit); the provider is answered 200 so that it does not send it again for days.
    if (error instanceof DomainError && error.status === 422) return { outcome: 'refused-by-ledger', ...none, invoiceId, detail: error.message };
    throw error;
  }
}

/**
 * Handles one verified notification in the organisation's transaction. A
 * second delivery of the same event id answers `duplicate-event` and changes
 * nothing; what the first did is kept with the event.
 */
export async function handlePaymentNotice(
  trx: Knex.Transaction, tenantId: string, notice: PaymentNotice, options: { expectedAccount: string | null; requestId: string },
): Promise<NoticeResult> {
  await trx.raw("select pg_advisory_xact_lock(hashtext('billing_webhook_events'), hashtext(? || '/' || ? || '/' || ?))", [tenantId, notice.provider, notice.eventId]);
  const seen = await trx('billingWebhookEvents').where({ provider: notice.provider, eventId: notice.eventId }).first('outcome', 'invoiceId', 'paymentId');
  if (seen) return { outcome: 'duplicate-event', invoiceId: seen.invoiceId ?? null, paymentId: seen.paymentId ?? null, invoicePaid: false };
  const result = await decide(trx, tenantId, notice, options.expectedAccount, options.requestId);
  await trx('billingWebhookEvents').insert({
    tenantId, provider: notice.provider, eventId: notice.eventId, eventType: notice.eventType.slice(0, 100),
    outcome: result.detail ? `${result.outcome}: ${result.detail}`.slice(0, 500) : result.outcome, invoiceId: result.invoiceId, paymentId: result.paymentId,
  });
  return result;
}
