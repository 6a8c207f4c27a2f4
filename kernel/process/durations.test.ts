import { durationMs, timerDelayMs } from './durations';

describe('ISO 8601 durations as timers, due dates and message lifetimes read them', () => {
  it.each([
    ['PT15M', 15 * 60_000],
    ['P2D', 2 * 86_400_000],
    ['P1DT2H30M', 86_400_000 + 2 * 3_600_000 + 30 * 60_000],
    ['PT0.5S', 500],
    ['PT1.5H', 90 * 60_000],
    ['P0.5D', 12 * 3_600_000],
    ['P1W', 7 * 86_400_000],
    ['P1W2D', 9 * 86_400_000],
    ['PT36H', 36 * 3_600_000],
    ['PT0S', 0],
    ['  PT10M ', 10 * 60_000],
    ['-PT5M', -5 * 60_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  it.each([
    'P', 'PT', 'P1DT', 'P1Y', 'P1M', 'P0Y', 'P1Y2M3D', 'P-1D', 'PT-5M', 'p1d', 'P1D2H', '15 minutes', '', 'PT1H30', 'P1DT2H-30M', 'PT1,5S',
  ])('refuses %j (months and years vary in length; a sign goes before the P; a decimal point, not a comma)', (text) => {
    expect(() => durationMs(text)).toThrow(/is not an ISO 8601 duration/);
  });

  it('waits for a duration from now or until a date-time, never a negative time', () => {
    const now = Date.parse('2026-06-04T11:00:00Z');
    expect(timerDelayMs({ duration: 'PT1H' }, now)).toBe(3_600_000);
    expect(timerDelayMs({ duration: '-PT1H' }, now)).toBe(0);
    expect(timerDelayMs({ date: '2026-06-04T13:30:00+02:00' }, now)).toBe(30 * 60_000);
    expect(timerDelayMs({ date: '2026-06-04T10:00:00Z' }, now)).toBe(0);
    expect(() => timerDelayMs({ date: 'tomorrow' }, now)).toThrow(/is not an ISO 8601 date-time/);
    expect(() => timerDelayMs({}, now)).toThrow(/needs a duration or a date/);
  });
});
