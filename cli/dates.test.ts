import { CliError, ExitCode } from './exit-codes';
import { formatDate, formatDateTime, parseDate, parseDateTime } from './dates';
import { chooseLanguage } from './i18n';

function usage(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(ExitCode.USAGE);
    return e as CliError;
  }
  throw new Error('expected a usage error');
}

describe('dates typed on the command line (Paris time)', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  it.each([
    ['2026-06-04 13:00', '2026-06-04T13:00:00+02:00'],
    ['2026-06-04T13:00', '2026-06-04T13:00:00+02:00'],
    ['2026-06-04 9:05', '2026-06-04T09:05:00+02:00'],
    ['2026-06-04 13h00', '2026-06-04T13:00:00+02:00'],
    ['2026-06-04 13h', '2026-06-04T13:00:00+02:00'],
    ['04/06/2026 13:00', '2026-06-04T13:00:00+02:00'],
    ['4/6/2026 à 13h30', '2026-06-04T13:30:00+02:00'],
    ['2026-12-24 18:30:15', '2026-12-24T18:30:15+01:00'],
    ['2026-06-04T13:00:00+02:00', '2026-06-04T13:00:00+02:00'],
    ['2026-06-04T11:00:00Z', '2026-06-04T11:00:00Z'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseDateTime(input, '--start')).toBe(iso);
  });

  it('follows the clock changes: the last hour of winter time and the first of summer time', () => {
    expect(parseDateTime('2026-03-29 01:59', '--start')).toBe('2026-03-29T01:59:00+01:00');
    expect(parseDateTime('2026-03-29 03:00', '--start')).toBe('2026-03-29T03:00:00+02:00');
    expect(Date.parse(parseDateTime('2026-03-29 03:00', '--start')) - Date.parse(parseDateTime('2026-03-29 01:59', '--start'))).toBe(60_000);
  });

  it('refuses a time that does not exist in Paris (spring forward) and takes the first of a repeated one', () => {
    expect(usage(() => parseDateTime('2026-03-29 02:30', '--start')).message).toMatch(/does not exist in Europe\/Paris/);
    expect(parseDateTime('2026-10-25 02:30', '--start')).toBe('2026-10-25T02:30:00+02:00');
  });

  it('uses another time zone when told', () => {
    expect(parseDateTime('2026-06-04 13:00', '--start', 'America/New_York')).toBe('2026-06-04T13:00:00-04:00');
  });

  it.each(['tomorrow', '2026-02-30 10:00', '2026-06-04 25:00', '2026-13-01 10:00', '4 Jun 2023 @ 1PM', '2026-06-04T13:00:00+2'])('refuses %j naming the flag', (input) => {
    expect(usage(() => parseDateTime(input, '--end')).message).toContain('--end');
  });

  it('wants a time for a date and time', () => {
    expect(usage(() => parseDateTime('2026-06-04', '--start')).message).toMatch(/needs a time/);
  });

  it('reads calendar dates', () => {
    expect(parseDate('2026-04-18', '--on')).toBe('2026-04-18');
    expect(parseDate('18/04/2026', '--on')).toBe('2026-04-18');
    expect(parseDate('today', '--on', 'Europe/Paris', new Date('2026-04-17T22:30:00Z'))).toBe('2026-04-18');
    expect(usage(() => parseDate('2026-04-18 10:00', '--on')).message).toContain('--on');
    expect(usage(() => parseDate('31/02/2026', '--on')).message).toContain('is not a date');
  });

  it('prints instants as Paris wall-clock time, in the shape it reads', () => {
    expect(formatDateTime('2026-06-04T11:00:00Z')).toBe('2026-06-04 13:00');
    expect(formatDateTime('2026-01-15T23:30:00Z')).toBe('2026-01-16 00:30');
    expect(formatDateTime(null)).toBe('');
    expect(parseDateTime(formatDateTime('2026-06-04T11:00:00Z'), '--start')).toBe('2026-06-04T13:00:00+02:00');
    expect(formatDate(new Date('2026-06-04T23:00:00Z'))).toBe('2026-06-05');
  });
});
