import express, { Router, type Request } from 'express';
import { env, publicUrl } from '../../config/env';
import { logger } from '../../config/logger';
import { withTenant } from '../../db/tenant-scope';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { notifyDunning } from '../../domain/billing/dunning-signal';
import { billingIntegrationMessage } from '../../domain/billing/integrations/integrations.messages';
import { handlePaymentNotice, type NoticeResult } from '../../domain/billing/integrations/payment-events';
import { loadBillingIntegrations } from '../../domain/billing/integrations/settings';
import { DomainError, NotFoundError } from '../../domain/errors';
import { formatter } from '../../domain/i18n/messages';
import type { WebhookRefusal } from '../../integrations/payments/payments.port';
import type { SandboxPaymentsPort } from '../../integrations/payments/sandbox.adapter';
import type { ApiDeps } from '../http/deps';
import { paymentsPortOf } from './payments-port';

type Refusal = WebhookRefusal | 'unknown-organisation';
const refused = (reason: Refusal) => new DomainError(billingIntegrationMessage('billing.integrations.webhook-refused', { reason }), 400, 'webhook-refused', { reason });

/** Outcomes after which the invoice may be settled: its dunning is told (notifyDunning checks, and is safe twice). */
const SETTLING = new Set(['payment-recorded', 'already-recorded', 'duplicate-event']);

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title></head>`
  + `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1c1c1c"><h1 style="font-size:1.4rem">${escape(title)}</h1>${body}</body></html>`;

/**
 * Stripe's notifications, `POST /api/v1/webhooks/stripe?tenant=<slug>` (docs/adr/0014-billing-integrations.md).
 * Mounted before the JSON parser and authentication: the signature (`Stripe-Signature`, HMAC-SHA256 of
 * the raw bytes, 5 minutes of tolerance) is checked with the secret of the organisation the address
 * names, before anything is read. Unsigned, forged or stale (replayed) → 400 and nothing changes; the
 * same event id again → 200 and nothing changes; a paid Checkout Session → one payment on its invoice,
 * then the invoice's dunning is told (billing.invoice-paid) once the transaction has committed.
 *
 * The sandbox provider's simulated payment page lives here too (`/sandbox-checkout`): paying there
 * signs a `checkout.session.completed` event as Stripe would and sends it down the same path.
 */
export function stripeWebhookRouter(deps: ApiDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: '256kb' });
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const base = () => (deps.publicUrl ?? publicUrl(env())).replace(/\/$/, '');

  async function tenantOf(req: Request): Promise<{ id: string; slug: string } | null> {
    const slug = typeof req.query.tenant === 'string' ? req.query.tenant : '';
    if (!slug || slug.length > 100) return null;
    // The same security-definer lookup as the comms webhooks: the only way to find a tenant without a session.
    const { rows } = await deps.knex.raw('select comms_webhook_tenant(?) as id', [slug]);
    const id = rows[0]?.id as string | null;
    return id ? { id, slug } : null;
  }

  /** Verifies and handles one notification in the organisation's transaction, then tells the dunning. */
  async function receive(tenant: { id: string; slug: string }, rawBody: Buffer, signature: string | undefined, requestId: string, sandboxOnly = false): Promise<NoticeResult> {
    const result = await withTenant({ tenantId: tenant.id }, async (trx) => {
      const config = await loadBillingIntegrations(trx, tenant.id, defaultSecretBox());
      if (sandboxOnly && config.payments.provider !== 'sandbox') throw new NotFoundError(billingIntegrationMessage('billing.integrations.sandbox-page-unknown'));
      const port = paymentsPortOf(config.payments, tenant, base());
      const verified = port.verifyWebhook(rawBody, signature);
      if (!verified.ok) throw refused(verified.reason);
      const { event } = verified;
      return handlePaymentNotice(trx, tenant.id, {
        provider: port.provider, eventId: event.id, eventType: event.type, created: event.created, account: event.account, session: event.session,
      }, { expectedAccount: config.payments.provider === 'stripe' ? config.payments.accountId : null, requestId });
    }, deps.knex);
    if (result.invoiceId && SETTLING.has(result.outcome)) await notifyDunning(deps.knex, deps.temporal, tenant.id, result.invoiceId, 'payment');
    if (result.outcome === 'refused-by-ledger') logger.warn({ tenantId: tenant.id, invoiceId: result.invoiceId }, 'a paid checkout session could not be recorded on its invoice: settle it by hand');
    return result;
  }

  router.post('/', raw, (req, res, next) => {
    (async () => {
      const tenant = await tenantOf(req);
      if (!tenant) throw refused('unknown-organisation');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await receive(tenant, body, req.get('stripe-signature'), String(req.id ?? ''));
      res.status(200).json({ received: true, outcome: result.outcome });
    })().catch(next);
  });

  /** The sandbox's payment page: what the payer would see at Stripe, without a card. */
  async function sandboxSession(req: Request) {
    const tenant = await tenantOf(req);
    const sessionId = typeof req.query.session === 'string' ? req.query.session : '';
    if (!tenant || !sessionId) throw new NotFoundError(billingIntegrationMessage('billing.integrations.sandbox-page-unknown'));
    const found = await withTenant({ tenantId: tenant.id }, async (trx) => {
      const config = await loadBillingIntegrations(trx, tenant.id, defaultSecretBox());
      if (config.payments.provider !== 'sandbox') return null;
      const port = paymentsPortOf(config.payments, tenant, base()) as SandboxPaymentsPort;
      const session = await port.retrieveCheckout(sessionId);
      return session.ok ? { port, session: session.session } : null;
    }, deps.knex);
    if (!found) throw new NotFoundError(billingIntegrationMessage('billing.integrations.sandbox-page-unknown'));
    return { tenant, sessionId, ...found };
  }

  router.get('/sandbox-checkout', (req, res, next) => {
    (async () => {
      const { session } = await sandboxSession(req);
      const money = formatter('fr').money(session.amountTotalCents);
      res.status(200).type('html').send(page('Paiement simulé (bac à sable)', `<p>Facture <strong>${escape(session.metadata.invoiceNumber ?? '')}</strong> : <strong>${escape(money)}</strong>.</p>`
        + '<p>Cette organisation utilise le fournisseur de paiement de démonstration : aucune carte n\'est débitée.</p>'
        + `<form method="post"><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">Payer ${escape(money)}</button></form>`));
    })().catch(next);
  });

  router.post('/sandbox-checkout', form, (req, res, next) => {
    (async () => {
      const { tenant, sessionId, port } = await sandboxSession(req);
      const paid = port.simulatePaid(sessionId);
      if (!paid) throw new NotFoundError(billingIntegrationMessage('billing.integrations.sandbox-page-unknown'));
      const result = await receive(tenant, paid.rawBody, paid.signature, String(req.id ?? ''), true);
      const done = result.outcome === 'payment-recorded' || result.outcome === 'already-recorded' || result.outcome === 'duplicate-event';
      res.status(200).type('html').send(page(done ? 'Paiement reçu' : 'Paiement non enregistré', done
        ? `<p>Le paiement de la facture <strong>${escape(paid.session.metadata.invoiceNumber ?? '')}</strong> est enregistré. Vous pouvez fermer cette page.</p>`
        : '<p>Ce paiement n\'a pas pu être enregistré sur la facture (déjà réglée ou annulée) : contactez votre fournisseur.</p>'));
    })().catch(next);
  });

  return router;
}
