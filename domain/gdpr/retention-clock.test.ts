import { expiresOn, hasExpired, parisDay, parseIsoDuration, retentionCutoff, shiftDay } from './retention-clock';

describe('retention days', () => {
  it('reads ISO 8601 durations of years, months and days, and nothing else', () => {
    expect(parseIsoDuration('P3Y')).toEqual({ years: 3, months: 0, days: 0 });
    expect(parseIsoDuration('P1Y6M10D')).toEqual({ years: 1, months: 6, days: 10 });
    expect(parseIsoDuration('P')).toBeNull();
    expect(parseIsoDuration('PT1H')).toBeNull();
    expect(parseIsoDuration('3 ans')).toBeNull();
  });

  it('moves days by months and years, clamping to the month\'s end', () => {
    expect(shiftDay('2024-02-29', { years: 1, months: 0, days: 0 }, 1)).toBe('2025-02-28');
    expect(shiftDay('2026-03-31', { years: 0, months: 1, days: 0 }, -1)).toBe('2026-02-28');
    expect(shiftDay('2026-12-31', { years: 0, months: 0, days: 1 }, 1)).toBe('2027-01-01');
    expect(shiftDay('2026-01-10', { years: 0, months: 0, days: 30 }, -1)).toBe('2025-12-11');
  });

  it('a row expires on the day its clock is the duration ago, not the day before', () => {
    expect(retentionCutoff('2026-03-10', 'P3Y')).toBe('2023-03-10');
    expect(hasExpired('2023-03-10', 'P3Y', '2026-03-09')).toBe(false);
    expect(hasExpired('2023-03-10', 'P3Y', '2026-03-10')).toBe(true);
    expect(expiresOn('2023-03-10', 'P3Y')).toBe('2026-03-10');
    expect(expiresOn('2026-01-01', 'P30D')).toBe('2026-01-31');
  });

  it('expiresOn agrees with hasExpired at the ends of months and on the 29th of February', () => {
    for (const clock of ['2024-02-29', '2024-01-31', '2023-08-31', '2024-03-01', '2025-12-31']) {
      for (const duration of ['P1Y', 'P1M', 'P3Y', 'P10Y', 'P6M15D']) {
        const day = expiresOn(clock, duration);
        expect(hasExpired(clock, duration, day)).toBe(true);
        expect(hasExpired(clock, duration, shiftDay(day, { years: 0, months: 0, days: 1 }, -1))).toBe(false);
      }
    }
  });

  it('reads the day in Paris', () => {
    expect(parisDay(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(parisDay(Date.parse('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });
});
