import { addBusinessMinutes, type BusinessCalendar, BusinessCalendarError, businessMinutesBetween, isBusinessTime, validateCalendar, weeklyBusinessMinutes } from './business-time';
import { defaultFrenchCalendar, easterSunday, frenchPublicHolidays } from './business-time.holidays';

/** The catalogue code of the refusal `run` throws. */
function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof BusinessCalendarError ? error.reason.code : undefined;
  }
  return undefined;
}

const paris = defaultFrenchCalendar([2026, 2027]);
/** A wall-clock time in Paris as an instant (the offset written out, as a person reads it). */
const at = (iso: string) => new Date(iso);

describe('business time in a calendar (Mon–Fri 8:30–12:30 / 13:30–18:00, Paris, French holidays)', () => {
  it('counts within a day, skipping the lunch break', () => {
    expect(addBusinessMinutes(paris, at('2026-03-10T09:00:00+01:00'), 210).toISOString()).toBe(at('2026-03-10T12:30:00+01:00').toISOString());
    expect(addBusinessMinutes(paris, at('2026-03-10T09:00:00+01:00'), 211).toISOString()).toBe(at('2026-03-10T13:31:00+01:00').toISOString());
    expect(businessMinutesBetween(paris, at('2026-03-10T08:00:00+01:00'), at('2026-03-10T19:00:00+01:00'))).toBe(510);
  });

  it('starts counting at the next opening when started out of hours, and ends at an interval\'s end rather than the next morning', () => {
    expect(addBusinessMinutes(paris, at('2026-03-10T20:00:00+01:00'), 30).toISOString()).toBe(at('2026-03-11T09:00:00+01:00').toISOString());
    expect(addBusinessMinutes(paris, at('2026-03-10T17:00:00+01:00'), 60).toISOString()).toBe(at('2026-03-10T18:00:00+01:00').toISOString());
    expect(addBusinessMinutes(paris, at('2026-03-10T12:45:00+01:00'), 0).toISOString()).toBe(at('2026-03-10T12:45:00+01:00').toISOString());
  });

  it('skips the weekend: Friday 17:00 plus two business hours is Monday 9:30', () => {
    expect(addBusinessMinutes(paris, at('2026-03-06T17:00:00+01:00'), 120).toISOString()).toBe(at('2026-03-09T09:30:00+01:00').toISOString());
    expect(businessMinutesBetween(paris, at('2026-03-06T17:00:00+01:00'), at('2026-03-09T09:30:00+01:00'))).toBe(120);
    expect(isBusinessTime(paris, at('2026-03-07T10:00:00+01:00'))).toBe(false);
  });

  it('counts wall-clock hours across the spring change (last Sunday of March): Friday 17:00 CET plus two hours is Monday 9:30 CEST', () => {
    // 2026-03-29: clocks go from 2:00 to 3:00. Monday's 8:30 is 06:30 UTC, not 07:30.
    const due = addBusinessMinutes(paris, at('2026-03-27T17:00:00+01:00'), 120);
    expect(due.toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(businessMinutesBetween(paris, at('2026-03-27T17:00:00+01:00'), due)).toBe(120);
  });

  it('counts wall-clock hours across the autumn change (last Sunday of October): Friday 17:00 CEST plus two hours is Monday 9:30 CET', () => {
    const due = addBusinessMinutes(paris, at('2026-10-23T17:00:00+02:00'), 120);
    expect(due.toISOString()).toBe('2026-10-26T08:30:00.000Z');
    expect(businessMinutesBetween(paris, at('2026-10-23T17:00:00+02:00'), due)).toBe(120);
  });

  it('counts the real minutes of an interval that spans the change itself', () => {
    const always: BusinessCalendar = { timeZone: 'Europe/Paris', weeklyHours: { 7: [['00:00', '24:00']] }, holidays: [] };
    expect(businessMinutesBetween(always, at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * 60);
    expect(businessMinutesBetween(always, at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * 60);
  });

  it('skips public holidays: Wednesday before Ascension 17:30 plus one hour is Friday 9:00; the May bridges too', () => {
    expect(addBusinessMinutes(paris, at('2026-05-13T17:30:00+02:00'), 60).toISOString()).toBe(at('2026-05-15T09:00:00+02:00').toISOString());
    // Thursday 30 April 17:00 + 2 h: Friday 1 May is off, then the weekend → Monday 4 May 9:30.
    expect(addBusinessMinutes(paris, at('2026-04-30T17:00:00+02:00'), 120).toISOString()).toBe(at('2026-05-04T09:30:00+02:00').toISOString());
    expect(isBusinessTime(paris, at('2026-12-25T10:00:00+01:00'))).toBe(false);
  });

  it('adds fractions of a minute to the millisecond (70 % of 45 minutes)', () => {
    expect(addBusinessMinutes(paris, at('2026-03-10T09:00:00+01:00'), 31.5).toISOString()).toBe(at('2026-03-10T09:31:30+01:00').toISOString());
  });

  it('answers a negative count when the end is before the start', () => {
    expect(businessMinutesBetween(paris, at('2026-03-09T09:30:00+01:00'), at('2026-03-06T17:00:00+01:00'))).toBe(-120);
  });

  it('keeps between(start, add(start, n)) = n for any start and n (200 deterministic draws over two years)', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const from = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 200; i++) {
      const start = from + Math.floor(next() * 700 * 86_400_000);
      const minutes = Math.floor(next() * 10_000);
      const due = addBusinessMinutes(paris, start, minutes);
      expect(businessMinutesBetween(paris, start, due)).toBeCloseTo(minutes, 6);
      if (minutes > 0) expect(isBusinessTime(paris, due.getTime() - 1)).toBe(true);
    }
  });

  it('has 8 h 30 a day, 42 h 30 a week', () => {
    expect(weeklyBusinessMinutes(paris)).toBe(2550);
  });

  it('refuses calendars it cannot count in: no working interval, overlapping or reversed intervals, an unknown zone, a bad day', () => {
    expect(() => validateCalendar(paris)).not.toThrow();
    expect(() => validateCalendar({ ...paris, weeklyHours: {} })).toThrow(BusinessCalendarError);
    expect(reasonOf(() => validateCalendar({ ...paris, weeklyHours: {} }))).toBe('planning.calendar.no-hours');
    expect(reasonOf(() => validateCalendar({ ...paris, weeklyHours: { 1: [['09:00', '12:00'], ['11:00', '14:00']] } }))).toBe('planning.calendar.overlap');
    expect(reasonOf(() => validateCalendar({ ...paris, weeklyHours: { 1: [['18:00', '09:00']] } }))).toBe('planning.calendar.interval-backwards');
    expect(reasonOf(() => validateCalendar({ ...paris, weeklyHours: { 1: [['8h30', '12:00']] } }))).toBe('planning.calendar.bad-interval');
    expect(reasonOf(() => validateCalendar({ ...paris, weeklyHours: { 8: [['08:30', '12:00']] } }))).toBe('planning.calendar.bad-weekday');
    expect(reasonOf(() => validateCalendar({ ...paris, timeZone: 'Europe/Nowhere' }))).toBe('planning.calendar.unknown-zone');
    expect(reasonOf(() => validateCalendar({ ...paris, holidays: ['2026-13-01'] }))).toBe('planning.calendar.bad-day');
    expect(reasonOf(() => addBusinessMinutes({ ...paris, weeklyHours: {} }, 0, 10))).toBe('planning.calendar.no-working-time');
    expect(reasonOf(() => addBusinessMinutes(paris, 0, -1))).toBe('planning.calendar.negative-minutes');
  });

  it('says why in the reader\'s language: French first, English for an English reader', () => {
    const overlap = () => validateCalendar({ ...paris, weeklyHours: { 1: [['09:00', '12:00'], ['11:00', '14:00']] } });
    expect(overlap).toThrow('les plages 09:00–12:00 et 11:00–14:00 se chevauchent');
    let reason: BusinessCalendarError['reason'] | undefined;
    try { overlap(); } catch (error) { reason = (error as BusinessCalendarError).reason; }
    expect(reason?.render('en')).toBe('the intervals 09:00–12:00 and 11:00–14:00 overlap');
  });
});

describe('French public holidays', () => {
  it('computes Easter and the eleven days off of a year', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(frenchPublicHolidays(2026).map((h) => h.day)).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
    expect(frenchPublicHolidays(2026).find((h) => h.day === '2026-05-25')?.label).toBe('Lundi de Pentecôte');
  });
});
