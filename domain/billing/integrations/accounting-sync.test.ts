import type { ComputedLine, VatBreakdownRow } from '../line.schema';
import { lineTaxShares } from './accounting-sync';

const line = (netCents: number, vatRateBasisPoints: number): ComputedLine => ({
  id: String(netCents), description: 'x', quantity: 1, unit: 'C62', unitPriceCents: netCents, discountBasisPoints: 0, vatRateBasisPoints,
  vatCategory: vatRateBasisPoints > 0 ? 'S' : 'E', netCents,
} as ComputedLine);
const row = (rateBasisPoints: number, taxableCents: number, taxCents: number): VatBreakdownRow => ({ category: rateBasisPoints > 0 ? 'S' : 'E', rateBasisPoints, taxableCents, taxCents, exemptionReason: null });

describe('lines\' shares of the VAT', () => {
  it('add up exactly to the tax of each rate, however the lines round (largest remainder)', () => {
    // Three lines of 0,33 € at 20 %: 0,99 € taxed once is 0,20 €, while each line alone would round to 0,07 € (0,21 €).
    const lines = [line(33, 2000), line(33, 2000), line(33, 2000), line(1000, 550), line(500, 0)];
    const shares = lineTaxShares({ totals: { lines, vatBreakdown: [row(2000, 99, 20), row(550, 1000, 55), row(0, 500, 0)], totalExcludingTaxCents: 1599, totalTaxCents: 75, totalIncludingTaxCents: 1674 } });
    expect(shares.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(20);
    expect(shares).toEqual([7, 7, 6, 55, 0]);
  });

  it('shares a negative tax (a credit note\'s lines) the same way', () => {
    const lines = [line(-33, 2000), line(-67, 2000)];
    expect(lineTaxShares({ totals: { lines, vatBreakdown: [row(2000, -100, -20)], totalExcludingTaxCents: -100, totalTaxCents: -20, totalIncludingTaxCents: -120 } })).toEqual([-7, -13]);
  });
});
