import { ruleViolation, UnprocessableError, type FieldProblem } from '../errors';
import { billingMessage } from './billing.messages';
import type { BillingLineInput, ComputedLine, DocumentTotals, VatBreakdownRow, VatCategory } from './line.schema';
import { VAT_CATEGORIES } from './vat-categories';

/**
 * The totals of a quote, invoice or credit note as EN 16931 and the French rules compute them, in
 * integer cents. Pure: no database, no clock, no ids (a line without an id keeps `''`; the caller assigns ids).
 *
 * - Line net amount (BT-131) = quantity × unit price × (1 − discount), rounded once to the cent, half away
 *   from zero. Computed exactly: the quantity in integer thousandths, the product in BigInt, so no float drift.
 * - VAT category (BT-151): as given, else S when the rate is above 0, else E. A line of category E without an
 *   exemption reason takes `options.defaultExemptionReason` (the tenant's profile, e.g. « TVA non applicable,
 *   art. 293 B du CGI »). S and Z carry no exemption reason (BR-S-10, BR-Z-10): one given is dropped.
 * - VAT breakdown (BG-23): one row per (category, rate), its taxable amount the sum of its lines' nets and its tax
 *   rounded once from that sum (BR-CO-17), not summed from per-line taxes. Rows are ordered S, Z, E, AE, K, G, O,
 *   then by rate, highest first. A row's exemption reason is its lines' distinct reasons, joined by « ; ».
 * - Totals: excluding tax = Σ line nets (BT-106 = BT-109, no document-level allowances), tax = Σ row taxes
 *   (BT-110), including tax = their sum (BT-112). Negative quantities (credit lines) give negative amounts.
 *
 * computeTotals never refuses lines the schema accepted, so a draft's live totals always compute. Whether the
 * VAT is coherent (an exemption reason where EN 16931 requires one, a rate matching its category) is told by
 * `vatProblems(totals)`; `assertVatCoherent(totals)` throws the 422 the issue action (or a save) answers.
 */
export interface TotalsOptions {
  defaultExemptionReason?: string | null;
}

const CATEGORY_ORDER: readonly VatCategory[] = VAT_CATEGORIES;
/** Categories with no VAT charged, whose breakdown must state why (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10). */
export const CATEGORIES_NEEDING_REASON: ReadonlySet<VatCategory> = new Set(['E', 'AE', 'K', 'G', 'O']);

/** n / d rounded to the nearest integer, halves away from zero (d > 0). */
export function divideRounded(n: bigint, d: bigint): bigint {
  const magnitude = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}

/** A quantity (at most three decimals, as the schema checks) in integer thousandths. */
export function thousandths(quantity: number): bigint {
  const scaled = Math.round(quantity * 1000);
  if (!Number.isSafeInteger(scaled) || Math.abs(quantity * 1000 - scaled) > 1e-6) throw ruleViolation('quantity', billingMessage('billing.quantity-decimals'));
  return BigInt(scaled);
}

/** quantity × unit price × (1 − discount), to the cent, halves away from zero. */
export function lineNetCents(quantity: number, unitPriceCents: number, discountBasisPoints = 0): number {
  const exact = thousandths(quantity) * BigInt(unitPriceCents) * BigInt(10_000 - discountBasisPoints);
  return toSafeNumber(divideRounded(exact, 10_000_000n));
}

/** taxable × rate, to the cent, halves away from zero. */
export function taxCents(taxableCents: number, rateBasisPoints: number): number {
  return toSafeNumber(divideRounded(BigInt(taxableCents) * BigInt(rateBasisPoints), 10_000n));
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UnprocessableError(billingMessage('billing.amount-too-large'));
  return n;
}

/** A sum of cents, refused (422) beyond what a JavaScript number holds exactly. */
const sum = (amounts: number[]) => toSafeNumber(amounts.reduce((total, amount) => total + BigInt(amount), 0n));

const blank = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

export function computeTotals(lines: BillingLineInput[], options: TotalsOptions = {}): DocumentTotals {
  const defaultReason = blank(options.defaultExemptionReason);
  const computed: ComputedLine[] = lines.map((line) => {
    const category: VatCategory = line.vatCategory ?? (line.vatRateBasisPoints > 0 ? 'S' : 'E');
    const given = blank(line.vatExemptionReason);
    const reason = category === 'S' || category === 'Z' ? null : given ?? (category === 'E' ? defaultReason : null);
    const discountBasisPoints = line.discountBasisPoints ?? 0;
    return {
      ...line,
      id: line.id ?? '',
      unit: line.unit ?? 'C62',
      discountBasisPoints,
      vatCategory: category,
      vatExemptionReason: reason,
      netCents: lineNetCents(line.quantity, line.unitPriceCents, discountBasisPoints),
    };
  });

  const groups = new Map<string, { category: VatCategory; rateBasisPoints: number; taxable: number; reasons: string[] }>();
  for (const line of computed) {
    const key = `${line.vatCategory}/${line.vatRateBasisPoints}`;
    let group = groups.get(key);
    if (!group) {
      group = { category: line.vatCategory, rateBasisPoints: line.vatRateBasisPoints, taxable: 0, reasons: [] };
      groups.set(key, group);
    }
    group.taxable = sum([group.taxable, line.netCents]);
    if (line.vatExemptionReason && !group.reasons.includes(line.vatExemptionReason)) group.reasons.push(line.vatExemptionReason);
  }
  const vatBreakdown: VatBreakdownRow[] = [...groups.values()]
    .sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || b.rateBasisPoints - a.rateBasisPoints)
    .map((group) => ({
      category: group.category,
      rateBasisPoints: group.rateBasisPoints,
      taxableCents: group.taxable,
      taxCents: taxCents(group.taxable, group.rateBasisPoints),
      exemptionReason: group.reasons.length ? group.reasons.join(' ; ') : null,
    }));

  const totalExcludingTaxCents = sum(computed.map((line) => line.netCents));
  const totalTaxCents = sum(vatBreakdown.map((row) => row.taxCents));
  return { lines: computed, vatBreakdown, totalExcludingTaxCents, totalTaxCents, totalIncludingTaxCents: sum([totalExcludingTaxCents, totalTaxCents]) };
}

/**
 * What EN 16931 refuses in computed totals, per line (`lines.<index>.<field>`): an exemption reason missing
 * for E, AE, K, G, O; a standard rate of 0, or a rate above 0 for a category that charges none.
 */
export function vatProblems(totals: DocumentTotals): FieldProblem[] {
  const problems: FieldProblem[] = [];
  totals.lines.forEach((line, index) => {
    const category = line.vatCategory;
    const rate = line.vatRateBasisPoints;
    if (category === 'S' ? rate <= 0 : rate !== 0) {
      problems.push({ field: `lines.${index}.vatRateBasisPoints`, message: billingMessage('billing.vat-rate-for-category', { category, rateBasisPoints: rate }) });
    }
    if (CATEGORIES_NEEDING_REASON.has(category) && !line.vatExemptionReason) {
      problems.push({ field: `lines.${index}.vatExemptionReason`, message: billingMessage('billing.vat-exemption-reason-required', { category }) });
    }
  });
  return problems;
}

/** Throws a 422 naming the first incoherent line (all of them in `errors`) when `vatProblems` finds any. */
export function assertVatCoherent(totals: DocumentTotals): void {
  const problems = vatProblems(totals);
  if (problems.length) throw new UnprocessableError(problems[0]!.message, { errors: problems });
}
