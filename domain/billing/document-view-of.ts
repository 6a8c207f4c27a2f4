import { loadFor, type RequestContext } from '../core/record-service';
import { billingMessage } from './billing.messages';
import type { BillingDocumentType, BillingDocumentView, BillingParty, SellerParty } from './document-view';
import { depositsOf } from './invoice-actions';
import { addDays, type FrozenTerms, todayInParis } from './issue';
import type { DocumentTotals } from './line.schema';
import { loadBuyer } from './parties';
import { loadProfile, sellerOf } from './profile';
import { billingCreditNotes, billingInvoices, billingQuotes } from './resources';

/**
 * The frozen view of a quote, invoice or credit note (document-view.ts) that every renderer reads
 * (PDF, Factur-X, FEC, mails). An issued document is read from what was frozen at issue (its seller,
 * buyer, totals and terms), so it renders the same forever; a draft is read from today's profile and
 * client, without a number (the PDF then says « Brouillon »).
 */
type Row = Record<string, unknown>;
export type BillingDocumentKind = 'quote' | 'invoice' | 'credit-note';

const RESOURCES = { quote: billingQuotes, invoice: billingInvoices, 'credit-note': billingCreditNotes } as const;
const INVOICE_TYPES: Record<string, BillingDocumentType> = { standard: 'invoice', deposit: 'deposit-invoice', final: 'final-invoice' };

/** Terms and branding as frozen at issue, or today's for a draft. */
async function termsOf(ctx: RequestContext, doc: Row, profile: Row | null): Promise<FrozenTerms> {
  if (doc.frozenTerms) return doc.frozenTerms as FrozenTerms;
  const tenant = (await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('name', 'branding')) as { name: string; branding: Record<string, string> | null };
  const p = profile ?? {};
  const branding = tenant.branding ?? {};
  return {
    paymentTermsDays: Number(p.paymentTermsDays ?? 30),
    latePenaltyRateBasisPoints: Number(p.latePenaltyRateBasisPoints ?? 0),
    earlyPaymentDiscount: (p.earlyPaymentDiscount as string | null) ?? null,
    vatExemptionMention: (p.vatExemptionMention as string | null) ?? null,
    footer: (p.footer as string | null) ?? null,
    logoDataUrl: (p.logoDataUrl as string | null) ?? null,
    branding: { primaryColor: branding.primaryColor ?? '#1565C0', secondaryColor: branding.secondaryColor ?? '#546E7A', logoText: branding.logoText ?? tenant.name.slice(0, 2).toUpperCase() },
  };
}

/** The totals stored beside a document's lines (their columns back as DocumentTotals). */
export const totalsOf = (doc: Row): DocumentTotals => ({
  lines: doc.lines as DocumentTotals['lines'],
  vatBreakdown: doc.vatBreakdown as DocumentTotals['vatBreakdown'],
  totalExcludingTaxCents: Number(doc.totalExcludingTaxCents),
  totalTaxCents: Number(doc.totalTaxCents),
  totalIncludingTaxCents: Number(doc.totalIncludingTaxCents),
});

/** The view of one document the user may read (404 otherwise, as its record). */
export async function documentViewOf(ctx: RequestContext, kind: BillingDocumentKind, id: string): Promise<BillingDocumentView> {
  const doc = await loadFor(ctx, RESOURCES[kind], id, 'read');
  const issued = doc.number !== null && doc.seller !== null;
  const profile = issued ? null : await loadProfile(ctx.trx, ctx.principal.tenantId);
  const terms = await termsOf(ctx, doc, profile);
  const tenantName = issued ? '' : String((await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('name')).name);
  const seller = issued ? (doc.seller as SellerParty) : sellerOf(profile!, tenantName);
  let buyer: BillingParty;
  if (doc.buyer) buyer = doc.buyer as BillingParty;
  else if (kind === 'credit-note') buyer = (await ctx.trx('billingInvoices').where({ id: doc.invoiceId }).first('buyer')).buyer as BillingParty;
  else buyer = (await loadBuyer(ctx.trx, String(doc.accountId), (doc.billingSiteId as string | null) ?? null)).party;
  const language = doc.language === 'en' ? 'en' : 'fr';
  const issueDate = (doc.issueDate as string | null) ?? todayInParis();
  const totals = totalsOf(doc);
  const type: BillingDocumentType = kind === 'invoice' ? INVOICE_TYPES[String(doc.kind)]! : kind;

  let dueDate: string | null = null;
  let depositsDeducted: BillingDocumentView['depositsDeducted'] = [];
  let precedingInvoice: BillingDocumentView['precedingInvoice'] = null;
  let paidCents = 0;
  let amountDueCents = 0;
  let paymentTerms: string;
  if (kind === 'invoice') {
    const days = doc.paymentTermsDays === null || doc.paymentTermsDays === undefined ? terms.paymentTermsDays : Number(doc.paymentTermsDays);
    dueDate = (doc.dueDate as string | null) ?? addDays(issueDate, days);
    depositsDeducted = issued ? (doc.depositsDeducted as BillingDocumentView['depositsDeducted'])
      : doc.kind === 'final' && doc.quoteId ? await depositsOf(ctx, String(doc.quoteId)) : [];
    depositsDeducted = depositsDeducted.map(({ number, issueDate: date, amountIncludingTaxCents }) => ({ number, issueDate: date, amountIncludingTaxCents }));
    paidCents = Number(doc.paidCents);
    amountDueCents = issued ? Number(doc.amountDueCents) : totals.totalIncludingTaxCents - depositsDeducted.reduce((s, d) => s + d.amountIncludingTaxCents, 0);
    paymentTerms = billingMessage('billing.payment-terms', { days, dueDate }).render(language);
  } else if (kind === 'quote') {
    amountDueCents = totals.totalIncludingTaxCents;
    paymentTerms = billingMessage('billing.payment-terms', { days: terms.paymentTermsDays, dueDate: null }).render(language);
  } else {
    const invoice = (await ctx.trx('billingInvoices').where({ id: doc.invoiceId }).first('number', 'issueDate')) as { number: string | null; issueDate: string | null };
    precedingInvoice = invoice.number ? { number: invoice.number, issueDate: String(invoice.issueDate) } : null;
    paymentTerms = billingMessage('billing.credit-note-terms', { invoice: invoice.number ?? '' }).render(language);
  }

  return {
    type, id, number: (doc.number as string | null) ?? null, language, currency: 'EUR',
    issueDate, dueDate,
    validUntil: kind === 'quote' ? ((doc.validUntil as string | null) ?? addDays(issueDate, 30)) : null,
    periodStart: (doc.periodStart as string | null) ?? null,
    periodEnd: (doc.periodEnd as string | null) ?? null,
    seller, buyer,
    buyerReference: (doc.buyerReference as string | null) ?? null,
    totals, depositsDeducted, precedingInvoice, paidCents, amountDueCents, paymentTerms,
    latePenaltyRateBasisPoints: terms.latePenaltyRateBasisPoints,
    recoveryIndemnityCents: type !== 'quote' && type !== 'credit-note' && buyer.isBusiness ? 4000 : null,
    mentions: terms.earlyPaymentDiscount ? [terms.earlyPaymentDiscount] : [],
    notes: kind === 'quote' ? [doc.terms, doc.notes].filter((v) => typeof v === 'string' && v.trim()).join('\n\n') || null
      : kind === 'credit-note' ? ((doc.reason as string | null) ?? null) : ((doc.notes as string | null) ?? null),
    paymentUrl: (doc.paymentUrl as string | null) ?? null,
    branding: { ...terms.branding, logoDataUrl: terms.logoDataUrl, footer: terms.footer },
  };
}
