import { Settings } from 'luxon';
import { daysInMonth, isoInZone, isWallClock, offsetMinutesAt, wallClockAt, wallClockInstant } from './wall-clock';

const at = (year: number, month: number, day: number, hour: number, minute: number, second?: number) => ({ year, month, day, hour, minute, second });

describe('Paris wall-clock times and their instants', () => {
  it('uses winter time in January and summer time in June', () => {
    expect(wallClockInstant(at(2026, 1, 15, 9, 30))).toMatchObject({ exists: true, iso: '2026-01-15T09:30:00+01:00', offsetMinutes: 60, repeated: false });
    expect(wallClockInstant(at(2026, 6, 4, 13, 0, 15))).toMatchObject({ exists: true, iso: '2026-06-04T13:00:15+02:00', offsetMinutes: 120, repeated: false });
  });

  it('knows that 02:00 to 02:59 never shows on the spring-forward night, and that 01:59 and 03:00 are a minute apart', () => {
    expect(wallClockInstant(at(2026, 3, 29, 2, 0))).toEqual({ exists: false });
    expect(wallClockInstant(at(2026, 3, 29, 2, 59))).toEqual({ exists: false });
    const before = wallClockInstant(at(2026, 3, 29, 1, 59));
    const after = wallClockInstant(at(2026, 3, 29, 3, 0));
    expect(before).toMatchObject({ iso: '2026-03-29T01:59:00+01:00' });
    expect(after).toMatchObject({ iso: '2026-03-29T03:00:00+02:00' });
    expect(after.exists && before.exists && after.epochMs - before.epochMs).toBe(60_000);
  });

  it('takes the first (summer time) of the hour that shows twice on the fall-back night, and says it repeats', () => {
    expect(wallClockInstant(at(2026, 10, 25, 2, 0))).toMatchObject({ iso: '2026-10-25T02:00:00+02:00', repeated: true });
    expect(wallClockInstant(at(2026, 10, 25, 2, 59))).toMatchObject({ iso: '2026-10-25T02:59:00+02:00', repeated: true });
    expect(wallClockInstant(at(2026, 10, 25, 1, 59))).toMatchObject({ iso: '2026-10-25T01:59:00+02:00', repeated: false });
    expect(wallClockInstant(at(2026, 10, 25, 3, 0))).toMatchObject({ iso: '2026-10-25T03:00:00+01:00', repeated: false });
  });

  it('gives the same instant whatever the current date is (nothing is guessed from the clock)', () => {
    const original = Settings.now;
    try {
      const readings = [Date.parse('2026-07-01T00:00:00Z'), Date.parse('2026-12-01T00:00:00Z')].map((now) => {
        Settings.now = () => now;
        return [wallClockInstant(at(2026, 10, 25, 2, 30)), wallClockInstant(at(2026, 3, 29, 2, 30))];
      });
      expect(readings[0]).toEqual(readings[1]);
    } finally {
      Settings.now = original;
    }
  });

  it('reads other zones too: New York, Sydney (southern summer), Lord Howe (a half-hour change), Kolkata (no change)', () => {
    expect(wallClockInstant(at(2026, 6, 4, 13, 0), 'America/New_York')).toMatchObject({ iso: '2026-06-04T13:00:00-04:00' });
    expect(wallClockInstant(at(2026, 3, 8, 2, 30), 'America/New_York')).toEqual({ exists: false });
    expect(wallClockInstant(at(2026, 1, 10, 12, 0), 'Australia/Sydney')).toMatchObject({ iso: '2026-01-10T12:00:00+11:00' });
    expect(wallClockInstant(at(2026, 4, 5, 2, 30), 'Australia/Sydney')).toMatchObject({ iso: '2026-04-05T02:30:00+11:00', repeated: true });
    expect(wallClockInstant(at(2026, 10, 4, 2, 15), 'Australia/Lord_Howe')).toEqual({ exists: false });
    expect(wallClockInstant(at(2026, 10, 4, 2, 45), 'Australia/Lord_Howe')).toMatchObject({ iso: '2026-10-04T02:45:00+11:00' });
    expect(wallClockInstant(at(2026, 6, 4, 13, 0), 'Asia/Kolkata')).toMatchObject({ iso: '2026-06-04T13:00:00+05:30' });
    expect(wallClockInstant(at(2026, 6, 4, 13, 0), 'UTC')).toMatchObject({ iso: '2026-06-04T13:00:00+00:00' });
  });

  it('tells a real date and time from fields that name none', () => {
    expect(isWallClock(at(2024, 2, 29, 23, 59, 59))).toBe(true);
    for (const w of [at(2026, 2, 29, 10, 0), at(2026, 4, 31, 10, 0), at(2026, 13, 1, 10, 0), at(2026, 6, 4, 24, 0), at(2026, 6, 4, 10, 60), at(2026, 6, 4, 10, 0, 60), at(2026, 6, 4.5, 10, 0)]) {
      expect(isWallClock(w)).toBe(false);
    }
    expect(() => wallClockInstant(at(2026, 2, 30, 10, 0))).toThrow(RangeError);
  });

  it('shows an instant as the wall clock, offset and ISO text of a zone', () => {
    const ms = Date.parse('2026-01-15T23:30:00Z');
    expect(wallClockAt(ms)).toEqual({ year: 2026, month: 1, day: 16, hour: 0, minute: 30, second: 0 });
    expect(wallClockAt(ms, 'UTC')).toEqual({ year: 2026, month: 1, day: 15, hour: 23, minute: 30, second: 0 });
    expect(offsetMinutesAt(Date.parse('2023-06-04T12:00:00Z'))).toBe(120);
    expect(offsetMinutesAt(Date.parse('2023-01-04T12:00:00Z'))).toBe(60);
    expect(isoInZone(Date.parse('2026-06-04T11:00:00Z'))).toBe('2026-06-04T13:00:00+02:00');
  });

  it('counts the days of a month, leap years included', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2026, 2), daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([29, 28, 28, 29, 30, 31]);
  });
});
