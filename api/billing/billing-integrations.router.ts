import { Router } from 'express';
import { env, publicUrl } from '../../config/env';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { billingIntegrationsUpdate } from '../../domain/billing/integrations/integrations.schema';
import { createPaymentLink } from '../../domain/billing/integrations/payment-links';
import { getBillingIntegrations, loadBillingIntegrations, updateBillingIntegrations } from '../../domain/billing/integrations/settings';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';
import { paymentsPortOf } from './payments-port';

/**
 * Billing's integrations under /api/v1/billing: the organisation's payment provider and accounting
 * software (`billing.settings.*`; secrets are write-only, answered as `…Set`), and an invoice's
 * payment link (a Stripe Checkout Session or the sandbox's page).
 */
export function billingIntegrationsRouter(deps: ApiDeps): Router {
  const router = Router();
  const base = () => (deps.publicUrl ?? publicUrl(env())).replace(/\/$/, '');

  router.get('/integrations', inTenant(deps, async (_req, ctx) => {
    const settings = await getBillingIntegrations(ctx, base());
    return { body: settings, headers: { ETag: etagOf(settings.version) } };
  }));
  router.put('/integrations', inTenant(deps, async (req, ctx) => {
    const saved = await updateBillingIntegrations(ctx, defaultSecretBox(), validate(billingIntegrationsUpdate, req.body), expectedVersion(req, false), base());
    return { body: saved, headers: { ETag: etagOf(saved.version) } };
  }));

  router.post('/invoices/:id/payment-link', inTenant(deps, async (req, ctx) => {
    const tenantId = ctx.principal.tenantId;
    const config = await loadBillingIntegrations(ctx.trx, tenantId, defaultSecretBox());
    const tenant = await ctx.trx('tenants').first('slug');
    const port = paymentsPortOf(config.payments, { id: tenantId, slug: String(tenant.slug) }, base());
    const id = String(req.params.id);
    const link = await createPaymentLink(ctx, id, port, { success: `${base()}/billing/invoices/${id}?paid=1`, cancel: `${base()}/billing/invoices/${id}` });
    return { body: link };
  }));
  return router;
}
