import Stripe from 'stripe';
import type { CheckoutSession, VerifiedEvent, WebhookResult } from './payments.port';
import { WEBHOOK_TOLERANCE_SECONDS } from './payments.port';

/**
 * Stripe's webhook signature (`Stripe-Signature: t=<seconds>,v1=<hex>`, an
 * HMAC-SHA256 of `<t>.<raw body>` keyed by the endpoint's signing secret),
 * checked with the official verifier over the raw bytes as received.
 */

/** Reads a Stripe-shaped event (ours or the sandbox's) once its signature is known good. */
export function readCheckoutEvent(raw: Buffer): VerifiedEvent | null {
  try {
    const event = JSON.parse(raw.toString('utf8')) as { id?: unknown; type?: unknown; created?: unknown; account?: unknown; data?: { object?: Record<string, unknown> } };
    if (typeof event.id !== 'string' || typeof event.type !== 'string') return null;
    const object = event.data?.object;
    const session: CheckoutSession | null = event.type.startsWith('checkout.session.') && object && object.object === 'checkout.session'
      ? {
        id: String(object.id), url: typeof object.url === 'string' ? object.url : null,
        status: (object.status as CheckoutSession['status']) ?? 'open', paymentStatus: (object.payment_status as CheckoutSession['paymentStatus']) ?? 'unpaid',
        amountTotalCents: Number(object.amount_total ?? 0), currency: String(object.currency ?? '').toUpperCase(),
        metadata: (object.metadata as Record<string, string> | null) ?? {},
        paymentReference: typeof object.payment_intent === 'string' ? object.payment_intent : null,
      }
      : null;
    return { id: event.id, type: event.type, created: Number(event.created ?? 0), account: typeof event.account === 'string' ? event.account : null, session };
  } catch {
    return null;
  }
}

/** Verifies `Stripe-Signature` with Stripe's own verifier (the sandbox signs the same way). */
export function verifyStripeSignature(rawBody: Buffer, header: string | undefined, secret: string, nowSeconds?: number): WebhookResult {
  if (!header) return { ok: false, reason: 'unsigned', message: 'No Stripe-Signature header.' };
  try {
    if (!Stripe.webhooks.signature) throw new Error('The stripe package has no signature verifier.');
    Stripe.webhooks.signature.verifyHeader(rawBody, header, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, nowSeconds);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { ok: false, reason: /tolerance/i.test(message) ? 'stale' : 'forged', message };
  }
  const event = readCheckoutEvent(rawBody);
  return event ? { ok: true, event } : { ok: false, reason: 'malformed', message: 'The signed body is not a Stripe event.' };
}

