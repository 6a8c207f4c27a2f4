import { issueInvoice } from '../billing/invoice-actions';
import { finalInvoiceOfQuote } from '../billing/quote-actions';
import { loadFor, type RequestContext } from '../core/record-service';
import { auditMissions } from './missions';

/**
 * The mission's invoice (issue 16, ADR 0039), through billing's own actions: the final invoice of the
 * mission's accepted quote (its lines, less the issued deposits) made and issued — numbered, frozen, its
 * dunning asked for. Once per mission: an invoice of the quote already made is issued if still a draft,
 * else answered. No quote, or a quote not accepted: nothing (the administration invoices by hand).
 */
export async function invoiceMission(ctx: RequestContext, missionId: string, today: string): Promise<{ outcome: 'issued' | 'already-issued' | 'no-quote' | 'quote-not-accepted'; invoiceId: string | null }> {
  const mission = await loadFor(ctx, auditMissions, missionId, 'read');
  const quoteId = mission.quoteId as string | null;
  if (!quoteId) return { outcome: 'no-quote', invoiceId: null };
  const quote = await ctx.trx('billingQuotes').where({ id: quoteId }).first('status');
  if (quote?.status !== 'accepted') return { outcome: 'quote-not-accepted', invoiceId: null };
  const existing = await ctx.trx('billingInvoices').where({ quoteId }).whereIn('kind', ['final', 'standard']).orderBy('createdAt').first('id', 'status');
  if (existing && existing.status !== 'draft') return { outcome: 'already-issued', invoiceId: String(existing.id) };
  const draftId = existing ? String(existing.id) : String((await finalInvoiceOfQuote(ctx, quoteId)).id);
  const issued = await issueInvoice(ctx, draftId, { today });
  return { outcome: 'issued', invoiceId: String(issued.id) };
}
