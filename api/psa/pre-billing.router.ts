import { Router } from 'express';
import { renderDeep } from '../../domain/i18n/messages';
import { afterItemChange, invoicePrebilling, psaPrebillingItems } from '../../domain/psa/prebilling';
import { ticketMessagesAfterCommit } from '../../domain/psa/ticket-actions';
import { prebillingInvoice } from '../../domain/psa/time-entry.schema';
import { startDunningAfterCommit } from '../billing/dunning.link';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

/**
 * `/api/v1/psa/pre-billing` (spec 003 §6.3): the queue (pending items unless `status` says
 * otherwise), an item waived (`PATCH { status: "excluded", excludedReason }`) or put back, and
 * « Facturer »: `POST /invoice { ids, issue? }`, one invoice per client with a per-item report.
 */
export function preBillingRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/invoice', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const input = validate(prebillingInvoice, req.body);
    const { report, messageIds } = await invoicePrebilling(ctx, input);
    const issued = report.invoices.filter((i) => i.number).map((i) => startDunningAfterCommit(deps, ctx, i.id)!);
    return {
      body: renderDeep(report, requestLocale(req)),
      // The issued invoices' dunning, and the invoiced tickets' processes told (psa.ticket-invoiced).
      afterCommit: async () => {
        for (const start of issued) await start();
        await ticketMessagesAfterCommit(deps, ctx.principal.tenantId, messageIds);
      },
    };
  })));
  // The queue by default: `?status=invoiced`, `?status=pending,excluded`… for the rest.
  router.get('/', (req, _res, next) => {
    // Express 5 parses the query string at each read of req.query: the default is set as its value.
    if (req.query.status === undefined) Object.defineProperty(req, 'query', { value: { ...req.query, status: 'pending' }, configurable: true });
    next();
  });
  router.use('/', recordRouter(deps, psaPrebillingItems, { updated: async (ctx, _patch, item) => { await afterItemChange(ctx, item); } }));
  return router;
}
