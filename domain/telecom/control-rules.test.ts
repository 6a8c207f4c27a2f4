import { lineIndex, monthsRunning, normaliseNumber, previousPeriod, runControls, type ControlFacts, type ControlLine } from './control-rules';

const line = (id: string, over: Partial<ControlLine> = {}): ControlLine => ({
  id, accountId: 'acc-1', number: null, operatorKey: 'orange', operatorLineId: null, status: 'active', activatedOn: '2025-01-10', terminatedOn: null,
  planId: 'plan-20', optionIds: [], billingServiceId: null, ...over,
});

/**
 * A small known world for November 2026: four lines, one of each situation, and exactly three anomalies
 * to find (two terminated-still-billed, one purchase-price gap). Everything else is a trap that must
 * not be reported.
 */
const world = (): ControlFacts => ({
  period: '2026-11',
  lines: [
    // Terminated in September, still billed by CFAST and still on Orange's invoice: two anomalies.
    line('l-terminated', { number: '+33612345678', status: 'terminated', terminatedOn: '2026-09-30', billingServiceId: 'svc-1', operatorLineId: 'OR-1' }),
    // Terminated on 15 November: billing November is still due, no anomaly.
    line('l-terminated-mid', { number: '+33612345679', status: 'terminated', terminatedOn: '2026-11-15', billingServiceId: 'svc-2' }),
    // Its number was reused by a live line: the invoice row belongs to the new line.
    line('l-old', { number: '+33700000001', status: 'terminated', terminatedOn: '2026-01-31' }),
    line('l-new', { number: '+33700000001', activatedOn: '2026-02-01' }),
    // Invoiced 22,00 € for the plan the catalogue buys at 20,00 €: one gap; its option at the right price.
    line('l-gap', { number: '+33611111111', optionIds: ['opt-5'] }),
    // Activated mid-November: prorated, not compared.
    line('l-new-mid', { number: '+33622222222', activatedOn: '2026-11-12' }),
  ],
  offers: [
    { catalogueItemId: 'plan-20', operatorKey: 'orange', operatorProductCode: 'FORF-20', purchasePriceCents: 2000 },
    { catalogueItemId: 'opt-5', operatorKey: 'orange', operatorProductCode: 'OPT-DATA', purchasePriceCents: 500 },
    { catalogueItemId: 'plan-x', operatorKey: 'sfr', operatorProductCode: 'FORF-20', purchasePriceCents: 9999 },
  ],
  billed: [{ serviceId: 'svc-1', amountCents: 2990 }, { serviceId: 'svc-2', amountCents: 2990 }, { serviceId: 'svc-unknown', amountCents: 100 }],
  invoiceRows: [
    { operatorKey: 'orange', number: null, operatorLineId: 'OR-1', productCode: 'FORF-20', amountCents: 2000 },
    { operatorKey: 'orange', number: '07 00 00 00 01', operatorLineId: null, productCode: 'FORF-20', amountCents: 2000 },
    { operatorKey: 'orange', number: '06 11 11 11 11', operatorLineId: null, productCode: 'forf-20', amountCents: 2200 },
    { operatorKey: 'orange', number: '0611111111', operatorLineId: null, productCode: 'OPT-DATA', amountCents: 500 },
    { operatorKey: 'orange', number: '06 22 22 22 22', operatorLineId: null, productCode: 'FORF-20', amountCents: 1100 },
    // An unknown product and an unknown number: nothing to compare.
    { operatorKey: 'orange', number: '0611111111', operatorLineId: null, productCode: 'UNKNOWN', amountCents: 999 },
    { operatorKey: 'orange', number: '0699999999', operatorLineId: null, productCode: 'FORF-20', amountCents: 2000 },
  ],
});

describe('billing control rules (spec 002 §7.2)', () => {
  it('finds exactly the seeded anomalies of a small known world and nothing else', () => {
    expect(runControls(world())).toEqual([
      expect.objectContaining({ kind: 'purchase-price-gap', lineId: 'l-gap', subjectKey: 'product:FORF-20', billedCents: 2200, expectedCents: 2000, monthlyLossCents: 200, since: '2026-11-01' }),
      expect.objectContaining({ kind: 'terminated-still-billed', lineId: 'l-terminated', source: 'billing-system', billedCents: 2990, expectedCents: 0, monthlyLossCents: 2990, since: '2026-09-30' }),
      expect.objectContaining({ kind: 'terminated-still-billed', lineId: 'l-terminated', source: 'operator-invoice', billedCents: 2000, monthlyLossCents: 2000 }),
    ]);
  });

  it('reports an operator invoicing less than the catalogue as a gap without loss (the catalogue is to update)', () => {
    const facts = world();
    facts.invoiceRows = [{ operatorKey: 'orange', number: '+33611111111', operatorLineId: null, productCode: 'FORF-20', amountCents: 1800 }];
    expect(runControls(facts)).toEqual([
      expect.objectContaining({ kind: 'purchase-price-gap', lineId: 'l-gap', billedCents: 1800, expectedCents: 2000, monthlyLossCents: 0 }),
      expect.objectContaining({ kind: 'terminated-still-billed', source: 'billing-system' }),
    ]);
  });

  it('asks nothing of a billing system that could not answer', () => {
    const facts = { ...world(), billed: null, invoiceRows: [] };
    expect(runControls(facts)).toEqual([]);
  });

  it('reads numbers as people write them', () => {
    expect(['06 12 34 56 78', '06.12.34.56.78', '0033612345678', '33612345678', '+33 6 12 34 56 78'].map(normaliseNumber)).toEqual(Array(5).fill('+33612345678'));
    expect(normaliseNumber(' fttH-42 ')).toBe('FTTH-42');
    const find = lineIndex(world().lines);
    expect(find({ operatorKey: 'orange', number: '0700000001', operatorLineId: null })?.id).toBe('l-new');
    expect(find({ operatorKey: 'sfr', number: '0700000001', operatorLineId: null })).toBeUndefined();
  });

  it('counts months and periods', () => {
    expect(monthsRunning('2026-09-30', '2026-11')).toBe(3);
    expect(monthsRunning('2026-12-01', '2026-11')).toBe(1);
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-11')).toBe('2026-10');
  });
});
