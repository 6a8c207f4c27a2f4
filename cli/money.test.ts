import { CliError, ExitCode } from './exit-codes';
import { formatCents, parseAmount } from './money';
import { chooseLanguage } from './i18n';

describe('amounts typed on the command line', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  it.each([
    ['1500', 150_000],
    ['1500.50', 150_050],
    ['1500,5', 150_050],
    ['1 500,50 €', 150_050],
    ['1\u202f500,50\u00a0€', 150_050],
    ['1.500,50', 150_050],
    ['1,500.50', 150_050],
    ['1.500.000', 150_000_000],
    ['2 000 000 EUR', 200_000_000],
    ['0', 0],
    ['0,10', 10],
    ['€12', 1_200],
    ["1'500.25", 150_025],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseAmount(input, '--total')).toBe(cents);
  });

  it('adds cents exactly, without floating point', () => {
    expect(parseAmount('0.1', '--total') + parseAmount('0.2', '--total')).toBe(30);
    expect(parseAmount('19.99', '--total')).toBe(1999);
  });

  it.each(['', 'abc', '-5', '12,345,67', '1 500,505', '1e3', '12..5', '1.50.3'])('refuses %j, naming the flag (exit 2)', (input) => {
    let error: unknown;
    try {
      parseAmount(input, '--due');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.USAGE);
    expect((error as CliError).message).toContain('--due');
  });

  it('asks instead of guessing when "1.500" could be thousands or decimals', () => {
    expect(() => parseAmount('1.500', '--total')).toThrow(/ambiguous: write 1500/);
    expect(() => parseAmount('1,500', '--total')).toThrow(/ambiguous/);
  });

  it('prints cents as French euros', () => {
    expect(formatCents(150_050)).toBe('1 500,50 €');
    expect(formatCents(0)).toBe('0,00 €');
    expect(formatCents(123_456_789)).toBe('1 234 567,89 €');
    expect(formatCents(null)).toBe('');
  });

  it('reads back what it prints', () => {
    for (const cents of [0, 5, 99, 100_000, 150_050, 987_654_321]) expect(parseAmount(formatCents(cents), '--total')).toBe(cents);
  });
});
