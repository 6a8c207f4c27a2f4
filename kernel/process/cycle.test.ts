import { cronCycle, isoCycle, parseCycle } from './cycle';

describe('timer cycles', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');

  it('repeats an ISO interval the number of times it says, one period apart', () => {
    const cycle = isoCycle('R3/PT10M');
    expect(cycle.repetitions).toBe(3);
    const first = cycle.next(null, now);
    expect(first - now).toBe(600_000);
    expect(cycle.next(first, now) - first).toBe(600_000);
  });

  it('starts an ISO interval at its start date and stops after its end date', () => {
    const from = isoCycle('R2/2026-12-05T09:00:00Z/P1D');
    expect(new Date(from.next(null, now)).toISOString()).toBe('2026-12-05T09:00:00.000Z');
    const until = isoCycle('R/PT1H/2026-12-03T11:30:00Z');
    expect(until.repetitions).toBe(Infinity);
    expect(until.next(Date.parse('2026-12-03T11:00:00Z'), now)).toBe(Infinity);
  });

  it('reads a cron expression in Paris time, weekdays only', () => {
    const cycle = cronCycle('0 9 * * MON-FRI');
    const friday = Date.parse('2026-12-04T10:00:00Z');
    // Friday 11:00 in Paris: the next firing is Monday 9:00 Paris (8:00 UTC in winter).
    expect(new Date(cycle.next(null, friday)).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(parseCycle('*/15 * * * *').repetitions).toBe(Infinity);
  });

  it('refuses what is neither', () => {
    expect(() => parseCycle('R3/10 minutes')).toThrow(/ISO 8601/);
    expect(() => parseCycle('R/PT0.01S')).toThrow(/at most once a second/);
    expect(() => parseCycle('every day at nine')).toThrow();
  });
});
