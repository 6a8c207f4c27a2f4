import { DateTime } from 'luxon';
import { rotate, type RotationItem } from './rotation';

/** One backup a day at 02:30 Paris time, for `days` days ending on `last` (newest first). */
function daily(last: string, days: number): RotationItem[] {
  const end = DateTime.fromISO(`${last}T02:30`, { zone: 'Europe/Paris' });
  return Array.from({ length: days }, (_, i) => {
    const at = end.minus({ days: i });
    return { name: `relais-${at.toISODate()}`, takenAt: at.toUTC().toISO()! };
  });
}

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps everything while there are fewer backups than days kept', () => {
    const items = daily('2026-12-04', 5);
    expect(rotate(items).remove).toEqual([]);
  });

  it('after a year of daily backups keeps the last 7 days, the newest of the last 4 ISO weeks and of the last 12 months', () => {
    const decision = rotate(daily('2026-12-04', 400));
    const kept = decision.keep.map((k) => k.name);
    // 7 days: 28 Nov … 4 Dec. Weeks (Mon–Sun): 4 Dec (week 49), 29 Nov (48), 22 Nov (47), 15 Nov (46).
    // Months: 4 Dec, 30 Nov, 31 Oct, 30 Sep, … down to 31 Jan 2026 (12 months).
    const expected = [
      ...['04', '03', '02', '01'].map((d) => `relais-2026-12-${d}`),
      ...['30', '29', '28', '22', '15'].map((d) => `relais-2026-11-${d}`),
      'relais-2026-10-31', 'relais-2026-09-30', 'relais-2026-08-31', 'relais-2026-07-31', 'relais-2026-06-30', 'relais-2026-05-31',
      'relais-2026-04-30', 'relais-2026-03-31', 'relais-2026-02-28', 'relais-2026-01-31',
    ];
    expect(kept).toEqual(expected);
    expect(decision.remove).toHaveLength(400 - expected.length);
    expect(decision.keep.find((k) => k.name === 'relais-2026-12-04')!.reasons).toEqual(['latest', 'daily', 'weekly', 'monthly']);
    expect(decision.keep.find((k) => k.name === 'relais-2026-11-15')!.reasons).toEqual(['weekly']);
  });

  it('counts days in Paris time: a backup at 00:30 Paris (23:30 UTC the day before) belongs to its Paris day', () => {
    const items = [
      { name: 'late', takenAt: '2026-12-03T23:30:00Z' }, // 4 Dec 00:30 in Paris
      { name: 'early', takenAt: '2026-12-03T22:30:00Z' }, // 3 Dec 23:30 in Paris
    ];
    const decision = rotate(items, { daily: 1, weekly: 0, monthly: 0 });
    expect(decision.keep.map((k) => k.name)).toEqual(['late']);
    expect(decision.remove).toEqual(['early']);
  });

  it('keeps the newest backup of a day when several were taken that day (a drill on demand, a retried run)', () => {
    const items = [
      { name: 'morning', takenAt: '2026-12-04T08:00:00Z' },
      { name: 'night', takenAt: '2026-12-04T01:30:00Z' },
      { name: 'yesterday', takenAt: '2026-12-03T01:30:00Z' },
    ];
    const decision = rotate(items, { daily: 2, weekly: 0, monthly: 0 });
    expect(decision.keep.map((k) => k.name)).toEqual(['morning', 'yesterday']);
    expect(decision.remove).toEqual(['night']);
  });

  it('always keeps the newest backup, even with nothing to keep by the policy', () => {
    expect(rotate([{ name: 'only', takenAt: '2026-12-04T01:30:00Z' }], { daily: 0, weekly: 0, monthly: 0 }).keep).toEqual([{ name: 'only', reasons: ['latest'] }]);
  });
});
