import { Router } from 'express';
import { applyCredit, billingProfileInput, invoiceCreditNote, invoiceSend, paymentCreate, quoteAccept } from '../../domain/billing/billing.schema';
import { creditInvoice, issueCreditNote } from '../../domain/billing/credit-notes';
import { acceptQuote, expireQuote, finalInvoiceOfQuote, refuseQuote, sendQuote } from '../../domain/billing/quote-actions';
import {
  accountBalance, applyAccountCredit, issueInvoice, listInvoicePayments, markInvoiceSent, recordInvoicePayment,
} from '../../domain/billing/invoice-actions';
import { exportFec } from '../../domain/billing/fec-export';
import { getProfile, saveProfile } from '../../domain/billing/profile';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';
import { notifyDunningAfterCommit, startDunningAfterCommit } from './dunning.link';

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
    return { body: invoice, headers: { ETag: etagOf(invoice.version) }, afterCommit: startDunningAfterCommit(deps, ctx, String(invoice.id)) };
  })));
  invoices.post('/:id/send', inTenant(deps, async (req, ctx) => {
    const { sentAt } = validate(invoiceSend, req.body ?? {});
    const invoice = await markInvoiceSent(ctx, String(req.params.id), sentAt);
    return { body: invoice, headers: { ETag: etagOf(invoice.version) } };
  }));
  invoices.get('/:id/payments', inTenant(deps, async (req, ctx) => ({ body: { items: await listInvoicePayments(ctx, String(req.params.id)) } })));
  invoices.post('/:id/payments', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const result = await recordInvoicePayment(ctx, String(req.params.id), validate(paymentCreate, req.body));
    return { status: result.duplicate ? 200 : 201, body: result, afterCommit: result.duplicate ? undefined : notifyDunningAfterCommit(deps, ctx, String(result.invoice.id), 'payment') };
  })));
  invoices.post('/:id/apply-credit', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const { amountCents } = validate(applyCredit, req.body ?? {});
    const result = await applyAccountCredit(ctx, String(req.params.id), amountCents);
    return { status: 201, body: result, afterCommit: notifyDunningAfterCommit(deps, ctx, String(result.invoice.id), 'payment') };
  })));
  invoices.post('/:id/credit-note', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const input = validate(invoiceCreditNote, req.body ?? {});
    const result = await creditInvoice(ctx, String(req.params.id), input);
    return { status: 201, body: result, afterCommit: input.draft ? undefined : notifyDunningAfterCommit(deps, ctx, String(result.invoice.id), 'credit-note') };
  })));
  router.use('/invoices', invoices);

  const creditNotes = Router();
  creditNotes.post('/:id/issue', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const creditNote = await issueCreditNote(ctx, String(req.params.id));
    return { body: creditNote, headers: { ETag: etagOf(creditNote.version) }, afterCommit: notifyDunningAfterCommit(deps, ctx, String(creditNote.invoiceId), 'credit-note') };
  })));
  router.use('/credit-notes', creditNotes);

  const quotes = Router();
  quotes.post('/:id/send', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const { sentAt } = validate(invoiceSend, req.body ?? {});
    const quote = await sendQuote(ctx, String(req.params.id), { sentAt });
    return { body: quote, headers: { ETag: etagOf(quote.version) } };
  })));
  quotes.post('/:id/accept', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const result = await acceptQuote(ctx, String(req.params.id), validate(quoteAccept, req.body ?? {}));
    return { body: result, headers: { ETag: etagOf(result.quote.version) }, afterCommit: startDunningAfterCommit(deps, ctx, result.invoice?.number ? String(result.invoice.id) : null) };
  })));
  quotes.post('/:id/refuse', inTenant(deps, async (req, ctx) => {
    const quote = await refuseQuote(ctx, String(req.params.id));
    return { body: quote, headers: { ETag: etagOf(quote.version) } };
  }));
  quotes.post('/:id/expire', inTenant(deps, async (req, ctx) => {
    const quote = await expireQuote(ctx, String(req.params.id));
    return { body: quote, headers: { ETag: etagOf(quote.version) } };
  }));
  quotes.post('/:id/final-invoice', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const invoice = await finalInvoiceOfQuote(ctx, String(req.params.id));
    return { status: 201, body: invoice, headers: { ETag: etagOf(invoice.version), Location: `${req.baseUrl.replace(/\/quotes$/, '/invoices')}/${String(invoice.id)}` } };
  })));
  router.use('/quotes', quotes);

  router.get('/accounts/:accountId/balance', inTenant(deps, async (req, ctx) => ({ body: await accountBalance(ctx, String(req.params.accountId)) })));

  // The FEC of the sales for a period (domain/billing/fec.ts): a tab-separated text file in ISO 8859-15.
  router.get('/fec', inTenant(deps, async (req, ctx) => {
    const file = await exportFec(ctx, { from: req.query.from, to: req.query.to });
    return { raw: file.content, headers: { 'Content-Type': 'text/plain; charset=ISO-8859-15', 'Content-Disposition': `attachment; filename="${file.name}"` } };
  }));
  return router;
}
