import { Router } from 'express';
import { applyCredit, billingProfileInput, invoiceSend, paymentCreate } from '../../domain/billing/billing.schema';
import {
  accountBalance, applyAccountCredit, issueInvoice, listInvoicePayments, markInvoiceSent, recordInvoicePayment,
} from '../../domain/billing/invoice-actions';
import { getProfile, saveProfile } from '../../domain/billing/profile';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * Billing's actions under /api/v1/billing (issue 13). The records themselves (list, read, create and
 * change drafts, delete drafts, history) are served by the core's record router at
 * /billing/quotes, /billing/invoices and /billing/credit-notes, mounted before this router.
 */
export function billingRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/profile', inTenant(deps, async (_req, ctx) => {
    const profile = await getProfile(ctx);
    return { body: profile, headers: { ETag: etagOf(profile.version) } };
  }));
  router.put('/profile', inTenant(deps, async (req, ctx) => {
    const input = validate(billingProfileInput, req.body);
    const profile = await saveProfile(ctx, input, expectedVersion(req, false));
    return { body: profile, headers: { ETag: etagOf(profile.version) } };
  }));

  const invoices = Router();
  invoices.post('/:id/issue', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const invoice = await issueInvoice(ctx, String(req.params.id));
    return { body: invoice, headers: { ETag: etagOf(invoice.version) } };
  })));
  invoices.post('/:id/send', inTenant(deps, async (req, ctx) => {
    const { sentAt } = validate(invoiceSend, req.body ?? {});
    const invoice = await markInvoiceSent(ctx, String(req.params.id), sentAt);
    return { body: invoice, headers: { ETag: etagOf(invoice.version) } };
  }));
  invoices.get('/:id/payments', inTenant(deps, async (req, ctx) => ({ body: { items: await listInvoicePayments(ctx, String(req.params.id)) } })));
  invoices.post('/:id/payments', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const result = await recordInvoicePayment(ctx, String(req.params.id), validate(paymentCreate, req.body));
    return { status: result.duplicate ? 200 : 201, body: result };
  })));
  invoices.post('/:id/apply-credit', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const { amountCents } = validate(applyCredit, req.body ?? {});
    return { status: 201, body: await applyAccountCredit(ctx, String(req.params.id), amountCents) };
  })));
  router.use('/invoices', invoices);

  router.get('/accounts/:accountId/balance', inTenant(deps, async (req, ctx) => ({ body: await accountBalance(ctx, String(req.params.accountId)) })));
  return router;
}
