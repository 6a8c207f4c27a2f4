import { fromLocalInput, toDay, toLocalInput, today } from '../../ui/src/shared/time-zone';

/** The UI's wall-clock ↔ instant conversions (ui/src/shared/time-zone.ts), as the forms use them. */
describe('UI time zone: a date-time typed in the organisation’s time zone', () => {
  it('gets the offset of the season it falls in', () => {
    expect(fromLocalInput('2026-06-04T13:00')).toBe('2026-06-04T13:00:00+02:00');
    expect(fromLocalInput('2026-01-15T09:30')).toBe('2026-01-15T09:30:00+01:00');
    expect(fromLocalInput(' 2026-06-04T13:00:45 ')).toBe('2026-06-04T13:00:45+02:00');
    expect(fromLocalInput('2026-06-04T13:00', 'America/New_York')).toBe('2026-06-04T13:00:00-04:00');
  });

  it('moves a time skipped when clocks go forward by the gap', () => {
    // 29 March 2026 in Paris: 02:00 → 03:00; 02:30 does not exist.
    const skipped = fromLocalInput('2026-03-29T02:30');
    expect(skipped).toBe('2026-03-29T03:30:00+02:00');
    expect(new Date(skipped!).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromLocalInput('2026-03-29T01:59')).toBe('2026-03-29T01:59:00+01:00');
    expect(fromLocalInput('2026-03-29T03:00')).toBe('2026-03-29T03:00:00+02:00');
    expect(fromLocalInput('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });

  it('takes the second (winter-time) occurrence of a time that occurs twice when clocks go back', () => {
    // 25 October 2026 in Paris: 03:00 → 02:00; 02:30 occurs at 00:30Z and at 01:30Z.
    expect(fromLocalInput('2026-10-25T02:30')).toBe('2026-10-25T02:30:00+01:00');
    expect(fromLocalInput('2026-10-25T01:59')).toBe('2026-10-25T01:59:00+02:00');
    expect(fromLocalInput('2026-10-25T03:00')).toBe('2026-10-25T03:00:00+01:00');
    // Both instants read back as the same wall-clock time.
    expect(toLocalInput('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30');
    expect(toLocalInput('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30');
  });

  it('reads back every hour of a year as it was typed, except the hour clocks skip', () => {
    const mismatches: string[] = [];
    for (let hour = 0; hour < 365 * 24; hour += 1) {
      const local = new Date(Date.UTC(2026, 0, 1, hour)).toISOString().slice(0, 16);
      const instant = fromLocalInput(local);
      if (!instant || toLocalInput(instant) !== local) mismatches.push(local);
    }
    expect(mismatches).toEqual(['2026-03-29T02:00']);
  });

  it('refuses what is not a local date-time, and an unknown time zone', () => {
    for (const text of ['', 'demain', '2026-06-04', '2026-13-04T10:00', '2026-02-30T10:00', '2026-06-04T24:30', '2026-06-04T13:00+02:00', '2026-06-04T13:00Z']) {
      expect(fromLocalInput(text)).toBeNull();
    }
    expect(fromLocalInput('2026-06-04T13:00', 'Mars/Olympus')).toBeNull();
    expect(toLocalInput('pas une date')).toBe('');
    expect(toLocalInput(null)).toBe('');
  });

  it('shows an instant as the wall-clock time of the time zone', () => {
    expect(toLocalInput('2026-06-04T11:00:00.000Z')).toBe('2026-06-04T13:00');
    expect(toLocalInput('2026-06-04T13:00:00+02:00', 'America/New_York')).toBe('2026-06-04T07:00');
  });

  it('reads a date column sent as a timestamp as the day of the time zone', () => {
    expect(toDay('2026-04-18')).toBe('2026-04-18');
    expect(toDay('2026-04-17T22:00:00.000Z')).toBe('2026-04-18');
    expect(toDay('')).toBe('');
    expect(today('Europe/Paris', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(today('America/New_York', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
