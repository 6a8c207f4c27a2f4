import { cents, decimal, PENNYLANE_VAT_RATES, unitPrice } from './pennylane.adapter';
import { PENNYLANE_RETRIED_STATUSES } from './pennylane.http';

describe('Pennylane transport and amounts', () => {
  it('pins the statuses retried in place (changing them is a decision, not an accident)', () => {
    expect([...PENNYLANE_RETRIED_STATUSES]).toEqual([429, 500, 502, 503, 504]);
  });

  it('writes cents as Pennylane\'s decimal strings and reads them back exactly', () => {
    expect([decimal(177_750), decimal(-277_50), decimal(5), decimal(0)]).toEqual(['1777.50', '-277.50', '0.05', '0.00']);
    expect([cents('230.32'), cents('230.3'), cents('-12'), cents('0.005'), cents(null)]).toEqual([23032, 23030, -1200, 1, 0]);
    expect([unitPrice(12_000, 3), unitPrice(1_000, 1.5), unitPrice(12_345, 1), unitPrice(500, 0)]).toEqual(['40.00', '6.666667', '123.45', '5.00']);
  });

  it('knows the French VAT rates we issue, and only those', () => {
    expect(PENNYLANE_VAT_RATES).toEqual({ 2000: 'FR_200', 1000: 'FR_100', 850: 'FR_85', 550: 'FR_55', 210: 'FR_21', 0: 'exempt' });
  });
});
