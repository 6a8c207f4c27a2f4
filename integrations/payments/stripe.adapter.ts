import Stripe from 'stripe';
import type { CheckoutSession, PaymentsPort } from './payments.port';
import { verifyStripeSignature } from './stripe.webhook';
import { classifyStripeError } from './stripe-errors';

export const STRIPE_API_BASE_URL = 'https://api.stripe.com';

export interface StripeOptions {
  /** The organisation's secret key (`sk_live_…`, `sk_test_…` or a restricted `rk_…`). */
  secretKey: string;
  /** The signing secret of the organisation's webhook endpoint (`whsec_…`). */
  webhookSecret: string;
  /** Where REST calls go: Stripe itself, or a loopback server that speaks its protocol (tests). */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

function sessionOf(s: Stripe.Checkout.Session): CheckoutSession {
  return {
    id: s.id, url: s.url ?? null, status: (s.status ?? 'open') as CheckoutSession['status'], paymentStatus: s.payment_status as CheckoutSession['paymentStatus'],
    amountTotalCents: s.amount_total ?? 0, currency: (s.currency ?? '').toUpperCase(), metadata: (s.metadata ?? {}) as Record<string, string>,
    paymentReference: typeof s.payment_intent === 'string' ? s.payment_intent : (s.payment_intent?.id ?? null),
  };
}

/**
 * Payments through Stripe Checkout, with the official client (form encoding,
 * bearer secret key, Stripe-Version, Idempotency-Key). The client's host,
 * port and protocol options point it at a loopback server in tests, so what
 * that server receives is exactly what Stripe would.
 */
export function createStripePaymentsAdapter(options: StripeOptions): PaymentsPort {
  const base = new URL(options.apiBaseUrl ?? STRIPE_API_BASE_URL);
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  const client = new Stripe(options.secretKey, {
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    // The caller owns retries; every creation carries its idempotency key, so a retry never charges twice.
    maxNetworkRetries: 0,
    timeout: options.timeoutMs ?? 15_000,
    telemetry: false,
    appInfo: { name: 'Relais' },
  });

  return {
    provider: 'stripe',
    async createCheckout(request) {
      try {
        const session = await client.checkout.sessions.create({
          mode: 'payment',
          line_items: [{
            quantity: 1,
            price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountCents, product_data: { name: request.description } },
          }],
          ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
          client_reference_id: request.metadata.invoiceId,
          metadata: { ...request.metadata },
          payment_intent_data: { metadata: { ...request.metadata }, description: request.description },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          locale: request.locale,
        }, { idempotencyKey: request.idempotencyKey });
        return { ok: true, session: sessionOf(session) };
      } catch (error) {
        return classifyStripeError(error);
      }
    },
    async retrieveCheckout(sessionId) {
      try {
        return { ok: true, session: sessionOf(await client.checkout.sessions.retrieve(sessionId)) };
      } catch (error) {
        return classifyStripeError(error);
      }
    },
    verifyWebhook(rawBody, header, nowSeconds) {
      return verifyStripeSignature(rawBody, header, options.webhookSecret, nowSeconds);
    },
  };
}
