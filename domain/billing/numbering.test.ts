import { counterName, formatNumber, numberFormatProblem } from './numbering';

describe('document numbers', () => {
  it('writes the fixed text, the year, the month and the zero-padded counter of a format', () => {
    expect(formatNumber('F-{YYYY}-{#####}', '2026-03-14', 42)).toBe('F-2026-00042');
    expect(formatNumber('FA{YY}{MM}/{###}', '2026-03-14', 7)).toBe('FA2603/007');
    // A counter past its digits keeps growing: the number stays unique.
    expect(formatNumber('AV-{YYYY}-{###}', '2026-12-31', 1234)).toBe('AV-2026-1234');
  });

  it('accepts a format with exactly one counter of 3 to 10 digits and plain fixed text', () => {
    expect(numberFormatProblem('F-{YYYY}-{#####}', true)).toBeNull();
    expect(numberFormatProblem('{##########}', false)).toBeNull();
    for (const format of ['F-{YYYY}', 'F-{##}', 'F-{###########}', 'F-{###}-{###}', 'F<{###}>', 'F-{DD}-{###}']) {
      expect({ format, problem: numberFormatProblem(format, false) }).toEqual({ format, problem: 'format' });
    }
  });

  it('asks the year in the format when the counters start again each year (else two documents would share a number)', () => {
    expect(numberFormatProblem('F-{#####}', true)).toBe('year');
    expect(numberFormatProblem('F-{#####}', false)).toBeNull();
    expect(numberFormatProblem('F{YY}-{#####}', true)).toBeNull();
  });

  it('draws from one counter per sequence, and per year when numbering starts again each year', () => {
    expect(counterName('invoice', '2026-03-14', true)).toBe('billing.invoice.2026');
    expect(counterName('invoice', '2027-01-01', true)).toBe('billing.invoice.2027');
    expect(counterName('credit-note', '2026-03-14', false)).toBe('billing.credit-note');
    expect(counterName('quote', '2026-03-14', false)).toBe('billing.quote');
  });
});
