import crypto from 'node:crypto';
import Stripe from 'stripe';
import type { CheckoutSession, PaymentsPort } from './payments.port';
import { verifyStripeSignature } from './stripe.webhook';

/**
 * A pretend payment provider for development and demos. It calls nobody and
 * stores nothing: a session is its own id, `cs_sandbox_<data>.<mac>` (the
 * amount, currency and metadata, authenticated with `signingSecret`), and its
 * URL is the sandbox's payment page (`pageUrl(id)`), served by the API.
 * Paying there makes `simulatePaid`: a `checkout.session.completed` event
 * signed exactly as Stripe signs its webhooks (`Stripe-Signature: t=…,v1=…`,
 * HMAC-SHA256 over `t.body`), which goes through the same verification and
 * recording as Stripe's own notifications.
 */
export interface SandboxPaymentsOptions {
  /** A secret of the organisation's (derived from RELAIS_SECRET_KEY): seals the sessions and signs the events. */
  signingSecret: string;
  /** The simulated payment page of a session. */
  pageUrl: (sessionId: string) => string;
}

interface SessionData {
  a: number;
  c: string;
  m: Record<string, string>;
  k: string;
}

const PREFIX = 'cs_sandbox_';

function mac(secret: string, data: string): string {
  return crypto.createHmac('sha256', secret).update(data).digest('base64url').slice(0, 22);
}

function open(secret: string, id: string): SessionData | null {
  if (!id.startsWith(PREFIX)) return null;
  const [data, tag] = id.slice(PREFIX.length).split('.');
  if (!data || !tag) return null;
  const expected = mac(secret, data);
  if (tag.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(tag), Buffer.from(expected))) return null;
  try {
    return JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as SessionData;
  } catch {
    return null;
  }
}

function sessionOf(id: string, data: SessionData, pageUrl: (id: string) => string, paid: boolean): CheckoutSession {
  return {
    id, url: paid ? null : pageUrl(id), status: paid ? 'complete' : 'open', paymentStatus: paid ? 'paid' : 'unpaid',
    amountTotalCents: data.a, currency: data.c, metadata: data.m, paymentReference: paid ? `pi_sandbox_${mac(data.k, id)}` : null,
  };
}

export interface SandboxPaymentsPort extends PaymentsPort {
  readonly provider: 'sandbox';
  /** What Stripe would post once the payer paid: the raw body and its `Stripe-Signature`. */
  simulatePaid(sessionId: string, nowSeconds?: number): { rawBody: Buffer; signature: string; session: CheckoutSession } | null;
}

export function createSandboxPaymentsAdapter(options: SandboxPaymentsOptions): SandboxPaymentsPort {
  const pageUrl = options.pageUrl;
  return {
    provider: 'sandbox',
    async createCheckout(request) {
      const data: SessionData = { a: request.amountCents, c: request.currency.toUpperCase(), m: { ...request.metadata }, k: request.idempotencyKey };
      const encoded = Buffer.from(JSON.stringify(data)).toString('base64url');
      const id = `${PREFIX}${encoded}.${mac(options.signingSecret, encoded)}`;
      return { ok: true, session: sessionOf(id, data, pageUrl, false) };
    },
    async retrieveCheckout(sessionId) {
      const data = open(options.signingSecret, sessionId);
      if (!data) return { ok: false, reason: 'rejected', retryable: false, code: 'resource_missing', message: 'The sandbox knows no such session.' };
      return { ok: true, session: sessionOf(sessionId, data, pageUrl, false) };
    },
    verifyWebhook(rawBody, header, nowSeconds) {
      return verifyStripeSignature(rawBody, header, options.signingSecret, nowSeconds);
    },
    simulatePaid(sessionId, nowSeconds = Math.floor(Date.now() / 1000)) {
      const data = open(options.signingSecret, sessionId);
      if (!data) return null;
      const session = sessionOf(sessionId, data, pageUrl, true);
      const body = JSON.stringify({
        id: `evt_sandbox_${mac(options.signingSecret, `paid/${sessionId}`)}`, object: 'event', type: 'checkout.session.completed', created: nowSeconds, livemode: false,
        data: { object: {
          id: sessionId, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: data.a,
          currency: data.c.toLowerCase(), metadata: data.m, payment_intent: session.paymentReference, url: null,
        } },
      });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.signingSecret, timestamp: nowSeconds });
      return { rawBody: Buffer.from(body), signature, session };
    },
  };
}
