import { numFmtShowsTime, parseLegacyDate, parseWallClockText, wallClockToIso } from './legacy-dates';

function iso(value: unknown, numFmt?: string): string {
  const r = parseLegacyDate(value, numFmt);
  if (!r.ok) throw new Error(`expected a date, got: ${r.message.render('en')}`);
  return r.iso;
}

function refusal(value: unknown, numFmt?: string): string {
  const r = parseLegacyDate(value, numFmt);
  if (r.ok) throw new Error(`expected a refusal, got ${r.iso}`);
  // Refusals are catalogue messages: read here in English (French below).
  return r.message.render('en');
}

/** Dates as Epic Events' support typed them, read as Paris wall-clock time. */
describe('parseLegacyDate', () => {
  it.each([
    // The spec's examples.
    ['4 Jun 2023 @ 1PM', '2023-06-04T13:00:00+02:00'],
    ['5 Jun 2023 @ 2AM', '2023-06-05T02:00:00+02:00'],
    ['5 May 2023 @ 3PM', '2023-05-05T15:00:00+02:00'],
    ['5 May 2023 @ 5PM', '2023-05-05T17:00:00+02:00'],
    // Other spellings people use.
    ['4 June 2023 @ 1:30 PM', '2023-06-04T13:30:00+02:00'],
    ['4 jun 2023 @ 1pm', '2023-06-04T13:00:00+02:00'],
    ['4 Jun 2023 1 p.m.', '2023-06-04T13:00:00+02:00'],
    ['4 Jun 2023, 1PM', '2023-06-04T13:00:00+02:00'],
    ['4 Jun 2023 at 1PM', '2023-06-04T13:00:00+02:00'],
    ['Sunday 4 June 2023 @ 1PM', '2023-06-04T13:00:00+02:00'],
    ['June 4, 2023 @ 1PM', '2023-06-04T13:00:00+02:00'],
    ['4th June 2023 @ 1PM', '2023-06-04T13:00:00+02:00'],
    ['04/06/2023 13:00', '2023-06-04T13:00:00+02:00'],
    ['4/6/2023 13:00', '2023-06-04T13:00:00+02:00'],
    ['04.06.2023 13h00', '2023-06-04T13:00:00+02:00'],
    ['2023-06-04 13:00', '2023-06-04T13:00:00+02:00'],
    ['2023-06-04T13:00', '2023-06-04T13:00:00+02:00'],
    ['2023-06-04T11:00:00Z', '2023-06-04T13:00:00+02:00'],
    // French.
    ['4 juin 2023 @ 13h', '2023-06-04T13:00:00+02:00'],
    ['4 juin 2023 à 13h30', '2023-06-04T13:30:00+02:00'],
    ['dimanche 4 juin 2023 à 13 h 30', '2023-06-04T13:30:00+02:00'],
    ['1er décembre 2023 @ midi', '2023-12-01T12:00:00+01:00'],
    ['12 févr. 2024 @ 9h', '2024-02-12T09:00:00+01:00'],
    ['15 août 2023 @ 20h', '2023-08-15T20:00:00+02:00'],
    ['15 aout 2023 @ 20h', '2023-08-15T20:00:00+02:00'],
    ['3 mars 2024 @ minuit', '2024-03-03T00:00:00+01:00'],
    // Winter time, and 12 AM / 12 PM.
    ['1 Jan 2024 @ 12AM', '2024-01-01T00:00:00+01:00'],
    ['1 Jan 2024 @ 12PM', '2024-01-01T12:00:00+01:00'],
    ['31 Dec 2023 @ 11:59 PM', '2023-12-31T23:59:00+01:00'],
  ])('reads %j as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  describe('on the days the clocks change', () => {
    it('uses winter time before and summer time after the spring change (26 March 2023, 02:00 → 03:00)', () => {
      expect(iso('26 Mar 2023 @ 1:59 AM')).toBe('2023-03-26T01:59:00+01:00');
      expect(iso('26 Mar 2023 @ 3AM')).toBe('2023-03-26T03:00:00+02:00');
      expect(iso('25 Mar 2023 @ 2:30 AM')).toBe('2023-03-25T02:30:00+01:00');
      expect(iso('27 Mar 2023 @ 2:30 AM')).toBe('2023-03-27T02:30:00+02:00');
    });

    it('refuses a time that does not exist in Paris (the skipped hour) rather than guess', () => {
      expect(refusal('26 Mar 2023 @ 2:30 AM')).toMatch(/2023-03-26 02:30 does not exist in Europe\/Paris/);
      expect(refusal('31/03/2024 02:00')).toMatch(/does not exist/);
    });

    it('takes the first of a time that happens twice (the autumn change, 29 October 2023) and says so', () => {
      const r = parseLegacyDate('29 Oct 2023 @ 2:30 AM');
      expect(r).toMatchObject({ ok: true, iso: '2023-10-29T02:30:00+02:00' });
      expect(r.ok && r.warning?.render('en')).toMatch(/happens twice/);
      expect(iso('29 Oct 2023 @ 1:59 AM')).toBe('2023-10-29T01:59:00+02:00');
      expect(iso('29 Oct 2023 @ 3AM')).toBe('2023-10-29T03:00:00+01:00');
      expect(parseLegacyDate('29 Oct 2023 @ 3AM')).not.toHaveProperty('warning');
    });

    it('gives the instants their real distance across the change', () => {
      // A party from 1 AM to 4 AM on the spring night lasts two hours, not three.
      expect(Date.parse(iso('26 Mar 2023 @ 4AM')) - Date.parse(iso('26 Mar 2023 @ 1AM'))).toBe(2 * 3_600_000);
      expect(Date.parse(iso('29 Oct 2023 @ 4AM')) - Date.parse(iso('29 Oct 2023 @ 1AM'))).toBe(4 * 3_600_000);
    });
  });

  describe('Excel cells', () => {
    it('reads a date cell: its UTC fields are the wall clock Excel shows', () => {
      expect(iso(new Date(Date.UTC(2023, 5, 4, 13, 0)), 'd mmm yyyy h:mm AM/PM')).toBe('2023-06-04T13:00:00+02:00');
      expect(iso(new Date(Date.UTC(2024, 0, 15, 9, 30)), 'dd/mm/yyyy hh:mm')).toBe('2024-01-15T09:30:00+01:00');
      // Float noise in Excel's serials (12:59:59.999) rounds to the minute.
      expect(iso(new Date(Date.UTC(2023, 5, 4, 12, 59, 59, 999)))).toBe('2023-06-04T13:00:00+02:00');
    });

    it('refuses a date cell formatted without a time of day', () => {
      expect(refusal(new Date(Date.UTC(2023, 5, 4)), 'dd/mm/yyyy')).toMatch(/2023-06-04 is a date cell without a time of day/);
    });

    it('reads a date serial number in a cell not formatted as a date, and says so', () => {
      const r = parseLegacyDate(45081 + 13 / 24);
      expect(r).toMatchObject({ ok: true, iso: '2023-06-04T13:00:00+02:00' });
      expect(r.ok && r.warning?.render('en')).toMatch(/Excel date serial number/);
      expect(refusal(45081)).toMatch(/without a time of day/);
      expect(refusal(-3)).toMatch(/is not a date/);
    });

    it('knows which number formats show the time', () => {
      expect(numFmtShowsTime('d mmm yyyy h:mm AM/PM')).toBe(true);
      expect(numFmtShowsTime('[$-F800]dddd, mmmm dd, yyyy')).toBe(false);
      expect(numFmtShowsTime('dd/mm/yyyy" h"')).toBe(false);
      expect(numFmtShowsTime('yyyy-mm-dd hh:mm:ss')).toBe(true);
    });
  });

  describe('refusals name what is wrong', () => {
    it.each([
      ['sometime in June', /is not a date and time this import understands/],
      ['4 Jun 2023', /gives no time of day/],
      ['04/06/2023', /gives no time of day/],
      ['31 Feb 2023 @ 1PM', /has no day 31 in 02\/2023/],
      ['4 Juno 2023 @ 1PM', /"juno" is not a month name/],
      ['06/13/2023 10:00', /not a day\/month\/year date/],
      ['4 Jun 2023 @ 13PM', /12-hour clock/],
      ['4 Jun 2023 @ 25h', /00:00 to 23:59/],
      ['4 Jun 2023 @ teatime', /not a time of day/],
      ['', /is empty/],
    ])('%j', (text, message) => {
      expect(refusal(text)).toMatch(message);
    });

    it('says the same in French, quoting the cell as written', () => {
      const french = (value: unknown) => { const r = parseLegacyDate(value); if (r.ok) throw new Error('expected a refusal'); return r.message.render('fr'); };
      expect(french('31 Feb 2023 @ 1PM')).toBe('« 31 Feb 2023 @ 1PM » : il n\'y a pas de 31 en 02/2023');
      expect(french('4 Jun 2023')).toBe('« 4 Jun 2023 » ne donne pas d\'heure (par exemple « 4 Jun 2023 @ 1PM », « 4 juin 2023 @ 13h » ou « 04/06/2023 13:00 »)');
      expect(french('4 Jun 2023 @ 25h')).toBe('« 25h » n\'est pas une heure de la journée (de 00:00 à 23:59)');
    });

    it('refuses what is not text, a number or a date', () => {
      expect(refusal(true)).toMatch(/is not a date/);
      expect(refusal(null)).toMatch(/is not a date/);
    });
  });
});

describe('time-zone arithmetic', () => {
  it('works for other zones too (New York, across its own change)', () => {
    expect(wallClockToIso({ year: 2023, month: 3, day: 12, hour: 1, minute: 0 }, 'America/New_York')).toMatchObject({ ok: true, iso: '2023-03-12T01:00:00-05:00' });
    expect(wallClockToIso({ year: 2023, month: 3, day: 12, hour: 3, minute: 0 }, 'America/New_York')).toMatchObject({ ok: true, iso: '2023-03-12T03:00:00-04:00' });
  });

  it('parses text to a wall clock without any zone', () => {
    expect(parseWallClockText('4 Jun 2023 @ 1PM')).toEqual({ ok: true, value: { year: 2023, month: 6, day: 4, hour: 13, minute: 0 } });
  });
});
