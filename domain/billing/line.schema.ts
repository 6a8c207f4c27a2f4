import { z } from 'zod';
import { cents, optionalText, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { VAT_CATEGORIES } from './vat-categories';

/**
 * One line of a quote, invoice or credit note, as typed by a person or copied from the catalogue.
 * Amounts are integer cents, rates integer basis points (20 % = 2000), quantities decimals with at
 * most three places (1.5 hours). The same schema validates the API, the line editor and activities.
 */
export const vatCategory = z.enum(VAT_CATEGORIES);
/** EN 16931 VAT category codes: S standard, Z zero rated, E exempt, AE reverse charge, K intra-EU, G export, O outside scope. */
export type VatCategory = z.infer<typeof vatCategory>;

/** UN/ECE Recommendation 20 unit codes the line editor offers (C62 one, HUR hour, DAY day, MON month, …). */
export const unitCode = z.enum(['C62', 'HUR', 'DAY', 'MON', 'ANN', 'KGM', 'MTR', 'LTR', 'MTQ', 'KMT', 'SET']);

export const quantity = z.number().min(-1_000_000).max(1_000_000)
  .refine((value) => Number.isInteger(Math.round(value * 1000)) && Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6, { message: fieldIssue('field.decimals'), params: { max: 3 } });

export const billingLineInput = z.object({
  id: uuid.optional(),
  catalogueItemId: uuid.nullable().optional(),
  description: requiredText(1_000),
  quantity,
  unit: unitCode.default('C62'),
  unitPriceCents: cents,
  discountBasisPoints: z.number().int().min(0).max(10_000).default(0),
  vatRateBasisPoints: z.number().int().min(0).max(10_000),
  /** Defaults from the rate: S when > 0, otherwise the exemption the tenant's profile declares. */
  vatCategory: vatCategory.optional(),
  /** Required by EN 16931 for E, AE, K, G, O (e.g. « TVA non applicable, art. 293 B du CGI »). */
  vatExemptionReason: optionalText(300),
}).strict();
export type BillingLineInput = z.input<typeof billingLineInput>;
export type BillingLine = z.output<typeof billingLineInput> & { id: string; vatCategory: VatCategory };

/** A line with its computed net amount (quantity × unit price − discount, rounded to the cent). */
export interface ComputedLine extends BillingLine {
  netCents: number;
}

/** One row of the VAT breakdown: EN 16931 computes the tax per (category, rate), not per line. */
export interface VatBreakdownRow {
  category: VatCategory;
  rateBasisPoints: number;
  taxableCents: number;
  taxCents: number;
  exemptionReason: string | null;
}

export interface DocumentTotals {
  lines: ComputedLine[];
  vatBreakdown: VatBreakdownRow[];
  totalExcludingTaxCents: number;
  totalTaxCents: number;
  totalIncludingTaxCents: number;
}
