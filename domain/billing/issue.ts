import type { Knex } from 'knex';
import { UnprocessableError } from '../errors';
import { billingMessage } from './billing.messages';
import type { BillingLineInput, DocumentTotals } from './line.schema';
import { priced } from './pricing';
import { loadProfile, assertProfileComplete, sellerOf } from './profile';
import { assertVatCoherent } from './totals';
import type { SellerParty } from './document-view';
import { drawNumber, type Sequence } from './numbering';

/**
 * What issuing a quote, an invoice or a credit note shares: the legal profile checked and locked
 * (shared: two issues run together, a profile change waits), the totals computed again from the
 * stored lines and checked (EN 16931 VAT coherence), the seller and the terms frozen, and a number
 * drawn from the sequence's counter in the same transaction (numbering.ts).
 */
type Row = Record<string, unknown>;

export { addDays, todayInParis } from './days';

/** The terms and branding a document is issued with, frozen beside it (`frozen_terms`). */
export interface FrozenTerms {
  paymentTermsDays: number;
  latePenaltyRateBasisPoints: number;
  earlyPaymentDiscount: string | null;
  vatExemptionMention: string | null;
  footer: string | null;
  logoDataUrl: string | null;
  branding: { primaryColor: string; secondaryColor: string; logoText: string };
}

export interface IssueBasis {
  profile: Row;
  seller: SellerParty;
  totals: DocumentTotals;
  terms: Omit<FrozenTerms, 'paymentTermsDays'>;
}

const FORMATS: Record<Sequence, string> = { invoice: 'invoiceNumberFormat', 'credit-note': 'creditNoteNumberFormat', quote: 'quoteNumberFormat' };

/** Checks the profile and the lines of a document about to leave draft; answers what it is issued with. */
export async function issueBasis(trx: Knex.Transaction, tenantId: string, document: Sequence, lines: BillingLineInput[]): Promise<IssueBasis> {
  const profile = await loadProfile(trx, tenantId, true);
  assertProfileComplete(profile.version ? profile : null, document);
  if (!lines.length) throw new UnprocessableError(billingMessage('billing.no-lines'), { errors: [{ field: 'lines', message: billingMessage('billing.no-lines') }] });
  const { totals } = await priced(trx, tenantId, lines);
  assertVatCoherent(totals);
  const tenant = (await trx('tenants').where({ id: tenantId }).first('name', 'branding')) as { name: string; branding: Record<string, string> | null };
  const branding = tenant.branding ?? {};
  return {
    profile,
    seller: sellerOf(profile, tenant.name),
    totals,
    terms: {
      latePenaltyRateBasisPoints: Number(profile.latePenaltyRateBasisPoints),
      earlyPaymentDiscount: (profile.earlyPaymentDiscount as string | null) ?? null,
      vatExemptionMention: (profile.vatExemptionMention as string | null) ?? null,
      footer: (profile.footer as string | null) ?? null,
      logoDataUrl: (profile.logoDataUrl as string | null) ?? null,
      branding: { primaryColor: branding.primaryColor ?? '#1565C0', secondaryColor: branding.secondaryColor ?? '#546E7A', logoText: branding.logoText ?? tenant.name.slice(0, 2).toUpperCase() },
    },
  };
}

/** The next number of the sequence, in the profile's format, for a document issued on `issueDate`. */
export function numberFor(trx: Knex.Transaction, tenantId: string, document: Sequence, issueDate: string, profile: Row): Promise<string> {
  return drawNumber(trx, tenantId, document, issueDate, { format: String(profile[FORMATS[document]]), yearlyReset: Boolean(profile.numberingYearlyReset) });
}

/** Stored lines (computed, with their amounts) back as line inputs: the totals are computed again from them at issue. */
export function storedLines(row: Row): BillingLineInput[] {
  return ((row.lines as Array<Record<string, unknown>> | null) ?? []).map(({ netCents: _net, ...line }) => line as BillingLineInput);
}
