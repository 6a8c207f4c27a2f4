import { cycleError as check } from './feel-syntax';

/** The refusal in English (a catalogue message, lint.messages.ts), or undefined. */
const cycleError = (cycle: string) => check(cycle)?.render('en');

describe('cycleError', () => {
  it('accepts ISO 8601 repeating intervals', () => {
    for (const cycle of ['R3/PT10M', 'R/P1D', 'R2/2026-12-01T09:00:00Z/P1D', 'R/PT1H/2026-12-31T18:00:00Z']) expect(cycleError(cycle)).toBeUndefined();
  });

  it('accepts cron expressions of 5 or 6 fields and cron macros, as the engine runs them (Paris time)', () => {
    for (const cycle of ['0 9 * * MON-FRI', '*/15 * * * *', '30 0 9 1 * *', '0 0 8 * * 1-5', '@daily']) expect(cycleError(cycle)).toBeUndefined();
  });

  it('refuses a malformed cron expression, saying why and how one is written', () => {
    expect(cycleError('0 25 * * MON-FRI')).toBe('"0 25 * * MON-FRI" is not a valid cron expression (Constraint error, got value 25 expected range 0-23): write a cron expression of 5 fields (minute hour day-of-month month day-of-week, such as "0 9 * * MON-FRI": 9:00 on weekdays, Paris time) or 6 with the seconds first');
    expect(cycleError('0 9 * * XYZ')).toMatch(/^"0 9 \* \* XYZ" is not a valid cron expression \(.*xyz.*\)/);
    expect(cycleError('0 0 30 2 *')).toMatch(/is not a valid cron expression/);
  });

  it('says the same in French', () => {
    expect(check('every day')?.render('fr')).toMatch(/^« every day » n'est ni un intervalle répété ISO 8601 .*, ni une expression cron de 5 champs/);
    expect(check('R0/PT1H')?.code).toBe('feel.cycle-zero');
  });

  it('refuses a Quartz expression with a year, and text that is neither a cron expression nor a repeating interval', () => {
    expect(cycleError('0 0 9 * * ? 2027')).toMatch(/^"0 0 9 \* \* \? 2027" has 7 fields \(a year, as Quartz writes it\), which Relais does not read/);
    expect(cycleError('every day')).toMatch(/^"every day" is neither an ISO 8601 repeating interval .*, nor a cron expression of 5 fields/);
    expect(cycleError('R3/10 minutes')).toMatch(/^"R3\/10 minutes" is not an ISO 8601 repeating interval/);
    expect(cycleError('R0/PT1H')).toMatch(/repeats zero times/);
  });
});
