import { duePeriods, nextPeriodStart, periodFrom, periodIndex } from './subscription-periods';

describe('subscription periods', () => {
  it('counts monthly, quarterly and yearly periods from the start date, each ending the day before the next', () => {
    expect(periodFrom('2026-01-01', 'monthly', '2026-02-01')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodFrom('2026-01-01', 'quarterly', '2026-04-01')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodFrom('2026-03-15', 'yearly', '2027-03-15')).toEqual({ start: '2027-03-15', end: '2028-03-14' });
  });

  it('keeps a start on the 31st anchored: the day comes back where the month has it', () => {
    const starts = duePeriods({ startDate: '2026-01-31', endDate: null, frequency: 'monthly', nextPeriodStart: '2026-01-31' }, '2026-05-31').map((p) => `${p.start}..${p.end}`);
    expect(starts).toEqual(['2026-01-31..2026-02-27', '2026-02-28..2026-03-30', '2026-03-31..2026-04-29', '2026-04-30..2026-05-30', '2026-05-31..2026-06-29']);
    expect(nextPeriodStart('2026-01-31', 'monthly', '2026-02-28')).toBe('2026-03-31');
  });

  it('lists every period started and not invoiced yet, none that starts after today, and stops at the end date (the last period cut short)', () => {
    const subscription = { startDate: '2026-01-01', endDate: '2026-05-15', frequency: 'monthly' as const, nextPeriodStart: '2026-02-01' };
    expect(duePeriods(subscription, '2026-01-31')).toEqual([]);
    expect(duePeriods(subscription, '2026-04-01').map((p) => p.start)).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
    expect(duePeriods(subscription, '2026-12-31').at(-1)).toEqual({ start: '2026-05-01', end: '2026-05-14' });
    expect(duePeriods(subscription, '2026-12-31')).toHaveLength(4);
  });

  it('invoices at most 24 periods in one run', () => {
    expect(duePeriods({ startDate: '2020-01-01', endDate: null, frequency: 'monthly', nextPeriodStart: '2020-01-01' }, '2026-01-01')).toHaveLength(24);
  });

  it('refuses a date that starts none of the subscription\'s periods', () => {
    expect(() => periodIndex('2026-01-01', 'quarterly', '2026-02-01')).toThrow(/does not start a quarterly period/);
    expect(periodIndex('2026-01-01', 'quarterly', '2026-10-01')).toBe(3);
  });
});
