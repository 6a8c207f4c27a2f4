import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { UnprocessableError } from '../errors';
import { renderText } from '../i18n/messages';
import { issueMessage } from '../i18n/zod-issues';
import { billingLineInput, type BillingLineInput } from './line.schema';
import { assertVatCoherent, computeTotals, lineNetCents, taxCents, vatProblems } from './totals';

/**
 * The totals are compared with totals computed independently: by hand below (the reasoning written
 * beside each figure), and by a Python script with decimal.Decimal (totals.reference.py) on a table
 * of tricky documents and on 300 generated ones.
 */
const FRANCHISE = 'TVA non applicable, art. 293 B du CGI';
const line = (quantity: number, unitPriceCents: number, vatRateBasisPoints: number, more: Partial<BillingLineInput> = {}): BillingLineInput =>
  ({ description: 'Prestation', quantity, unitPriceCents, vatRateBasisPoints, ...more });

interface Document { name: string; lines: BillingLineInput[]; defaultExemptionReason?: string | null }

const tricky: Document[] = [
  { name: 'fractional hours at 20 %', lines: [line(0.333, 8_500, 2000), line(1.5, 9_999, 2000), line(7.125, 12_345, 2000)] },
  { name: 'the float trap 1.005 × 1 €', lines: [line(1.005, 100, 2000), line(2.675, 100, 550), line(0.015, 1, 2000)] },
  { name: 'discounts of 12.5 %, 33.33 % and 100 %', lines: [line(3, 3_333, 2000, { discountBasisPoints: 1250 }), line(7, 1_499, 1000, { discountBasisPoints: 3333 }), line(1, 50_000, 2000, { discountBasisPoints: 10_000 })] },
  { name: 'mixed 5.5, 10, 20 and 2.1 %', lines: [line(2, 1_995, 550), line(3, 2_450, 1000), line(1, 19_999, 2000), line(4, 715, 210), line(1, 333, 550), line(2.5, 1_001, 1000)] },
  { name: 'half cents everywhere', lines: [line(0.5, 1, 2000), line(1.5, 1, 2000), line(2.5, 1, 550), line(0.125, 4, 1000), line(0.001, 500, 2000)] },
  { name: 'credit lines with negative quantities', lines: [line(-1.5, 3_333, 2000), line(-0.5, 1, 2000), line(-2.675, 100, 550), line(4, 1_250, 2000)] },
  { name: 'an exempt franchise at 0 % with the default mention', defaultExemptionReason: FRANCHISE, lines: [line(3, 12_000, 0), line(1.25, 8_000, 0)] },
  { name: 'reverse charge, intra-EU, export and outside scope', lines: [
    line(10, 9_900, 0, { vatCategory: 'AE', vatExemptionReason: 'Autoliquidation' }),
    line(2, 45_000, 0, { vatCategory: 'K', vatExemptionReason: 'Exonération de TVA, art. 262 ter I du CGI' }),
    line(1, 120_000, 0, { vatCategory: 'G', vatExemptionReason: 'Exonération de TVA, art. 262 I du CGI' }),
    line(1, 5_000, 0, { vatCategory: 'O', vatExemptionReason: 'Hors champ de la TVA' }),
    line(1, 5_000, 2000),
  ] },
  { name: 'zero rated and exempt lines beside standard ones', defaultExemptionReason: FRANCHISE, lines: [
    line(1, 1_000, 0, { vatCategory: 'Z' }), line(1, 2_000, 0, { vatExemptionReason: 'Exonération, art. 261-4-4° du CGI' }), line(1, 3_000, 0), line(1, 4_000, 2000),
  ] },
  { name: 'large amounts', lines: [line(999_999.999, 999_999_999, 2000), line(123_456.789, 98_765_432, 550, { discountBasisPoints: 1 })] },
  { name: 'many small lines whose per-line taxes would not add up', lines: Array.from({ length: 40 }, () => line(1, 10, 550)) },
];

/** A deterministic generator (mulberry32), so the generated documents are the same at every run. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generated(count: number): Document[] {
  const random = generator(20260418);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, d) => ({
    name: `generated document ${d}`,
    defaultExemptionReason: FRANCHISE,
    lines: Array.from({ length: 1 + Math.floor(random() * 30) }, () => line(
      (random() < 0.1 ? -1 : 1) * Math.round(random() * pick([1_000, 10_000, 1_000_000])) / 1000,
      Math.floor(random() * pick([100, 10_000, 1_000_000])),
      pick([2000, 2000, 1000, 550, 210, 0]),
      { discountBasisPoints: random() < 0.3 ? Math.floor(random() * 10_001) : 0 },
    )),
  }));
}

function reference(documents: Document[]): unknown[] {
  const script = path.join(__dirname, 'totals.reference.py');
  return JSON.parse(execFileSync('python3', [script], { input: JSON.stringify(documents), encoding: 'utf8' })) as unknown[];
}

/** What the reference computes: the totals without the lines' copied input fields. */
function comparable(lines: BillingLineInput[], defaultExemptionReason?: string | null) {
  const totals = computeTotals(lines, { defaultExemptionReason });
  return { ...totals, lines: totals.lines.map((l) => ({ netCents: l.netCents, vatCategory: l.vatCategory, vatExemptionReason: l.vatExemptionReason })) };
}

describe('computeTotals against totals computed with Python decimals', () => {
  const documents = [...tricky, ...generated(300)];
  const expected = reference(documents);

  it.each(tricky.map((d, i) => [d.name, i] as const))('computes the totals of %s as the reference does', (_name, index) => {
    const document = documents[index]!;
    expect(comparable(document.lines, document.defaultExemptionReason)).toEqual(expected[index]);
  });

  it('computes the totals of 300 generated documents (fractions, discounts, credit lines, every rate) as the reference does', () => {
    const mismatches = documents.slice(tricky.length).filter((d, i) => JSON.stringify(comparable(d.lines, d.defaultExemptionReason)) !== JSON.stringify(expected[tricky.length + i]));
    expect(mismatches.map((d) => d.name)).toEqual([]);
  });
});

describe('computeTotals, worked out by hand', () => {
  it('rounds a line net once, to the cent, half away from zero, without float drift', () => {
    // 1.005 × 100 c = 100.5 c → 101 c (in floats 1.005 × 100 = 100.49999999999999 would give 100)
    expect(lineNetCents(1.005, 100)).toBe(101);
    // 0.5 × 1 c = 0.5 c → 1 c; −0.5 × 1 c = −0.5 c → −1 c (away from zero, not towards +∞)
    expect(lineNetCents(0.5, 1)).toBe(1);
    expect(lineNetCents(-0.5, 1)).toBe(-1);
    // 3 × 33.33 € = 99.99 €, less 12.5 % = 87.49125 € → 87.49 €
    expect(lineNetCents(3, 3_333, 1250)).toBe(8_749);
    // 0.333 h × 85 € = 28.305 € → 28.31 €
    expect(lineNetCents(0.333, 8_500)).toBe(2_831);
  });

  it('rounds the tax once per (category, rate), not per line', () => {
    // 40 lines of 0.10 € at 5.5 %: each line's 0.0055 € would round to 0.01 € (0.40 € in all);
    // the group's 4.00 € × 5.5 % = 0.22 € exactly.
    const totals = computeTotals(Array.from({ length: 40 }, () => line(1, 10, 550)));
    expect(totals.vatBreakdown).toEqual([{ category: 'S', rateBasisPoints: 550, taxableCents: 400, taxCents: 22, exemptionReason: null }]);
    expect([totals.totalExcludingTaxCents, totals.totalTaxCents, totals.totalIncludingTaxCents]).toEqual([400, 22, 422]);
    // 0.30 € × 5.5 % = 0.0165 € → 0.02 €; −0.30 € → −0.02 €
    expect(taxCents(30, 550)).toBe(2);
    expect(taxCents(-30, 550)).toBe(-2);
  });

  it('breaks a mixed invoice down per rate and adds the totals', () => {
    const totals = computeTotals([
      line(2, 1_995, 550), // 39.90 € at 5.5 %
      line(3, 2_450, 1000), // 73.50 € at 10 %
      line(1, 19_999, 2000), // 199.99 € at 20 %
      line(4, 715, 210), // 28.60 € at 2.1 %
      line(1, 333, 550), // 3.33 € at 5.5 %
    ]);
    expect(totals.vatBreakdown.map((r) => [r.rateBasisPoints, r.taxableCents, r.taxCents])).toEqual([
      [2000, 19_999, 4_000], // 199.99 × 20 % = 39.998 → 40.00
      [1000, 7_350, 735], // 73.50 × 10 % = 7.35
      [550, 4_323, 238], // (39.90 + 3.33) × 5.5 % = 2.37765 → 2.38
      [210, 2_860, 60], // 28.60 × 2.1 % = 0.6006 → 0.60
    ]);
    // 199.99 + 73.50 + 43.23 + 28.60 = 345.32 €; 40.00 + 7.35 + 2.38 + 0.60 = 50.33 €
    expect([totals.totalExcludingTaxCents, totals.totalTaxCents, totals.totalIncludingTaxCents]).toEqual([34_532, 5_033, 39_565]);
  });

  it('defaults the category from the rate and an exempt line to the tenant\'s mention, keeping ids (\'\' when absent)', () => {
    const id = '2f1d5c4e-0b7a-4c57-9d36-4b8a3f0c1e11';
    const totals = computeTotals([line(1, 1_000, 2000, { id, vatExemptionReason: 'ignored for S' }), line(2, 500, 0)], { defaultExemptionReason: FRANCHISE });
    expect(totals.lines.map((l) => [l.id, l.vatCategory, l.vatExemptionReason, l.unit, l.discountBasisPoints])).toEqual([
      [id, 'S', null, 'C62', 0],
      ['', 'E', FRANCHISE, 'C62', 0],
    ]);
    expect(totals.vatBreakdown[1]).toEqual({ category: 'E', rateBasisPoints: 0, taxableCents: 1_000, taxCents: 0, exemptionReason: FRANCHISE });
  });

  it('computes an empty document as zero', () => {
    expect(computeTotals([])).toEqual({ lines: [], vatBreakdown: [], totalExcludingTaxCents: 0, totalTaxCents: 0, totalIncludingTaxCents: 0 });
  });

  it('refuses with a 422 an amount beyond what a number holds to the cent', () => {
    expect(() => computeTotals([line(1_000_000, 9_999_999_999, 2000)])).toThrow(UnprocessableError);
  });
});

describe('the line schema', () => {
  it('refuses a quantity with more than three decimals, saying so in the reader\'s language', () => {
    const parsed = billingLineInput.safeParse(line(1.0005, 100, 2000));
    expect(parsed.success).toBe(false);
    const message = issueMessage(parsed.error!.issues[0]!);
    expect([renderText(message, 'fr'), renderText(message, 'en')]).toEqual(['doit avoir au plus 3 décimales', 'must have at most 3 decimal places']);
    expect(billingLineInput.safeParse(line(1.005, 100, 2000)).success).toBe(true);
  });
});

describe('vatProblems', () => {
  it('names each line missing the exemption EN 16931 requires, or whose rate contradicts its category', () => {
    const totals = computeTotals([
      line(1, 1_000, 0), // E without a mention (no default given)
      line(1, 1_000, 0, { vatCategory: 'AE' }), // reverse charge without its mention
      line(1, 1_000, 0, { vatCategory: 'S' }), // standard at 0 %
      line(1, 1_000, 2000, { vatCategory: 'K', vatExemptionReason: 'Exonération de TVA, art. 262 ter I du CGI' }), // intra-EU charging VAT
      line(1, 1_000, 2000),
    ]);
    const problems = vatProblems(totals);
    expect(problems.map((p) => [p.field, typeof p.message === 'string' ? p.message : p.message.code])).toEqual([
      ['lines.0.vatExemptionReason', 'billing.vat-exemption-reason-required'],
      ['lines.1.vatExemptionReason', 'billing.vat-exemption-reason-required'],
      ['lines.2.vatRateBasisPoints', 'billing.vat-rate-for-category'],
      ['lines.3.vatRateBasisPoints', 'billing.vat-rate-for-category'],
    ]);
    expect(() => assertVatCoherent(totals)).toThrow(expect.objectContaining({ status: 422, message: expect.stringContaining('mention d\'exonération') }));
  });

  it('finds nothing wrong once the tenant\'s default mention covers exempt lines', () => {
    expect(vatProblems(computeTotals([line(1, 1_000, 0), line(1, 1_000, 550)], { defaultExemptionReason: FRANCHISE }))).toEqual([]);
  });
});
