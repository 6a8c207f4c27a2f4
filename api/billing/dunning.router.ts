import { Router } from 'express';
import { invoiceDunning } from '../../domain/billing/dunning';
import { subscriptionPeriods } from '../../domain/billing/subscriptions';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';

/**
 * Billing's processes as the invoice and subscription panels read them (mounted under /billing by the
 * billing API module): where an invoice's dunning stands, and the periods a subscription invoiced.
 * Subscriptions themselves (list, read, create, change, delete, history) are record endpoints.
 */
export function dunningRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/invoices/:id/dunning', inTenant(deps, async (req, ctx) => ({ body: { dunning: await invoiceDunning(ctx, String(req.params.id)) } })));
  router.get('/subscriptions/:id/periods', inTenant(deps, async (req, ctx) => ({ body: { items: await subscriptionPeriods(ctx, String(req.params.id)) } })));
  return router;
}
