import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A loopback HTTP server that answers like Stripe's API for Checkout Sessions:
 * form-encoded POST /v1/checkout/sessions with the secret key as bearer, the
 * Idempotency-Key honoured as Stripe does (same key and body → the first
 * answer replayed; same key, other body → 400 idempotency_error), GET of a
 * session, Stripe's error bodies. It records every request as received, so a
 * test checks what the adapter really sent, and signs the webhook events a
 * paid session would bring (`Stripe-Signature`, with the endpoint's secret).
 */
export interface ReceivedStripeRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  form: URLSearchParams;
}

export interface LoopbackStripe {
  url: string;
  secretKey: string;
  webhookSecret: string;
  requests: ReceivedStripeRequest[];
  sessions: Map<string, Record<string, unknown>>;
  creations(): ReceivedStripeRequest[];
  /** The next creations answer this status with Stripe's error body of that type. */
  failNextCreations(count: number, status: number, type: string): void;
  /** The event Stripe posts once the session is paid: its raw body and a valid signature (timestamp `at`, seconds). */
  paidEvent(sessionId: string, options?: { eventId?: string; type?: string; at?: number; paymentStatus?: string; account?: string }): { body: string; signature: string; eventId: string };
  close(): Promise<void>;
}

function stripeError(res: http.ServerResponse, status: number, type: string, message: string, code?: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${crypto.randomBytes(7).toString('hex')}` });
  res.end(JSON.stringify({ error: { type, message, ...(code ? { code } : {}) } }));
}

/** Stripe's bracket notation (`metadata[invoiceId]`, `line_items[0][price_data][currency]`) read back into objects. */
function nested(form: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const parts = key.split(/\[|\]\[|\]/).filter(Boolean);
    let node = out as Record<string, unknown>;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

export async function startLoopbackStripe(): Promise<LoopbackStripe> {
  const secretKey = `sk_test_${crypto.randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${crypto.randomBytes(16).toString('hex')}`;
  const requests: ReceivedStripeRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const idempotent = new Map<string, { body: string; answer: string }>();
  let failures = { count: 0, status: 0, type: '' };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedStripeRequest = { method: req.method ?? '', path: url.pathname, headers: req.headers, rawBody, form: new URLSearchParams(rawBody) };
      requests.push(received);
      if (req.headers.authorization !== `Bearer ${secretKey}`) return stripeError(res, 401, 'invalid_request_error', 'Invalid API Key provided.');
      const one = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && one) {
        const session = sessions.get(one[1]!);
        if (!session) return stripeError(res, 404, 'invalid_request_error', `No such checkout.session: '${one[1]}'`, 'resource_missing');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify(session));
      }
      if (req.method !== 'POST' || url.pathname !== '/v1/checkout/sessions') return stripeError(res, 404, 'invalid_request_error', 'Unrecognized request URL.');
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return stripeError(res, 400, 'invalid_request_error', 'Expected a form.');
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string') {
        const seen = idempotent.get(key);
        if (seen && seen.body !== rawBody) return stripeError(res, 400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
        if (seen) {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' });
          return res.end(seen.answer);
        }
      }
      if (failures.count > 0) {
        failures.count -= 1;
        return stripeError(res, failures.status, failures.type, 'Simulated failure');
      }
      const params = nested(received.form) as { line_items?: Record<string, { price_data?: { currency?: string; unit_amount?: string } }>; metadata?: Record<string, string> } & Record<string, unknown>;
      const item = params.line_items?.['0']?.price_data;
      if (!item?.unit_amount || !item.currency) return stripeError(res, 400, 'invalid_request_error', 'Missing required param: line_items[0][price_data].', 'parameter_missing');
      const id = `cs_test_${crypto.randomBytes(12).toString('hex')}`;
      const session = {
        id, object: 'checkout.session', mode: params.mode, status: 'open', payment_status: 'unpaid', url: `https://checkout.stripe.com/c/pay/${id}`,
        amount_total: Number(item.unit_amount), currency: item.currency, metadata: params.metadata ?? {}, client_reference_id: params.client_reference_id ?? null,
        customer_email: params.customer_email ?? null, success_url: params.success_url, cancel_url: params.cancel_url, payment_intent: null, created: Math.floor(Date.now() / 1000),
      };
      sessions.set(id, session);
      const answer = JSON.stringify(session);
      if (typeof key === 'string') idempotent.set(key, { body: rawBody, answer });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey, webhookSecret, requests, sessions,
    creations: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions'),
    failNextCreations(count, status, type) {
      failures = { count, status, type };
    },
    paidEvent(sessionId, options = {}) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      const paid = { ...session, status: 'complete', payment_status: options.paymentStatus ?? 'paid', payment_intent: `pi_${crypto.randomBytes(8).toString('hex')}`, url: null };
      sessions.set(sessionId, paid);
      const at = options.at ?? Math.floor(Date.now() / 1000);
      const eventId = options.eventId ?? `evt_${crypto.randomBytes(12).toString('hex')}`;
      const body = JSON.stringify({
        id: eventId, object: 'event', api_version: '2026-11-18.endive', created: at, livemode: false, type: options.type ?? 'checkout.session.completed',
        ...(options.account ? { account: options.account } : {}), data: { object: paid }, pending_webhooks: 1, request: { id: null, idempotency_key: null },
      }, null, 2);
      return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret, timestamp: at }), eventId };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
