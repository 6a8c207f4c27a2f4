import type { PaymentsPort } from '../../../integrations/payments/payments.port';
import { appendHistoryAs, loadFor, type RequestContext } from '../../core/record-service';
import { UnprocessableError } from '../../errors';
import { billingInvoices } from '../resources';
import { billingIntegrationMessage } from './integrations.messages';

type Row = Record<string, unknown>;

export interface PaymentLink {
  invoiceId: string;
  provider: 'sandbox' | 'stripe';
  sessionId: string;
  url: string;
  amountCents: number;
}

/**
 * A hosted payment page for what an issued invoice still owes (a Stripe
 * Checkout Session, or the sandbox's page), kept as the invoice's
 * `paymentUrl` (its PDF and mails print it) and on its timeline. The session
 * is asked with the key `<invoice>/<amount due>`: asking again for the same
 * amount answers the same session, a partial payment since asks a new one.
 */
export async function createPaymentLink(ctx: RequestContext, invoiceId: string, port: PaymentsPort, urls: { success: string; cancel: string }): Promise<PaymentLink> {
  const invoice = await loadFor(ctx, billingInvoices, invoiceId, 'update', true);
  const number = invoice.number as string | null;
  if (!number || invoice.status === 'draft') throw new UnprocessableError(billingIntegrationMessage('billing.integrations.not-issued'));
  const due = Number(invoice.amountDueCents);
  if (due <= 0 || invoice.status === 'paid' || invoice.status === 'cancelled') throw new UnprocessableError(billingIntegrationMessage('billing.integrations.nothing-due', { number }));
  const buyer = (invoice.buyer as Row | null) ?? {};
  const language = invoice.language === 'en' ? 'en' : 'fr';
  const result = await port.createCheckout({
    amountCents: due,
    currency: String(invoice.currency ?? 'EUR'),
    invoiceNumber: number,
    customerEmail: typeof buyer.email === 'string' && buyer.email ? buyer.email : null,
    successUrl: urls.success,
    cancelUrl: urls.cancel,
    description: language === 'en' ? `Invoice ${number}` : `Facture ${number}`,
    metadata: { tenantId: ctx.principal.tenantId, invoiceId, invoiceNumber: number },
    idempotencyKey: `relais-checkout/${invoiceId}/${due}`,
    locale: language,
  });
  if (!result.ok) {
    const provider = port.provider === 'stripe' ? 'Stripe' : 'Sandbox';
    throw new UnprocessableError(billingIntegrationMessage('billing.integrations.provider-failed', { provider, reason: result.reason, detail: result.message.slice(0, 200) }), { retryable: result.retryable });
  }
  const url = result.session.url ?? '';
  if (invoice.paymentUrl !== url) {
    await ctx.trx('billingInvoices').where({ id: invoiceId }).update({ paymentUrl: url, version: Number(invoice.version) + 1, updatedAt: ctx.trx.fn.now() });
    await appendHistoryAs(ctx, { recordType: billingInvoices.recordType, recordId: invoiceId, action: 'update', changes: { paymentUrl: { before: invoice.paymentUrl ?? null, after: url } } });
  }
  return { invoiceId, provider: port.provider, sessionId: result.session.id, url, amountCents: due };
}
