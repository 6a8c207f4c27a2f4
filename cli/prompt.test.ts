import { PassThrough } from 'node:stream';
import { CliError, ExitCode, usageError } from './exit-codes';
import { askHidden, askNewPassword, required, type PromptStreams } from './prompt';
import { chooseLanguage } from './i18n';

function terminal(): PromptStreams & { typed: (text: string) => void; shown: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const output = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  output.on('data', (c: Buffer) => { shown += c.toString(); });
  return { input, output, typed: (text) => input.write(text), shown: () => shown };
}

describe('prompts for missing required values', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  const spec = { flag: '--total', label: 'Total amount (€)', parse: (t: string) => {
    if (!/^\d+$/.test(t)) throw usageError(`--total "${t}" is not an amount`);
    return Number(t);
  } };

  it('takes the flag\'s value without asking', async () => {
    expect(await required('12', spec, true)).toBe(12);
  });

  it('without a terminal, fails naming the flag (exit 2)', async () => {
    const error = await required(undefined, spec, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: ExitCode.USAGE, message: 'Missing --total (total amount (€)).' });
  });

  it('in a terminal, asks again until the answer parses', async () => {
    const tty = terminal();
    const answer = required(undefined, spec, true, tty);
    setTimeout(() => tty.typed('douze\n'), 10);
    setTimeout(() => tty.typed('\n'), 30);
    setTimeout(() => tty.typed('12\n'), 50);
    expect(await answer).toBe(12);
    expect(tty.shown()).toContain('Total amount (€): ');
    expect(tty.shown()).toContain('--total "douze" is not an amount');
  });

  it('reads a password without echoing it, and Ctrl+C cancels', async () => {
    const tty = terminal();
    const secret = askHidden('Password: ', tty);
    tty.typed('s3cr');
    tty.typed('x\u007fet\r');
    expect(await secret).toBe('s3cret');
    expect(tty.shown()).toBe('Password: \n');

    const other = terminal();
    const cancelled = askHidden('Password: ', other);
    other.typed('ab\u0003');
    await expect(cancelled).rejects.toMatchObject({ exitCode: ExitCode.USAGE, message: 'Cancelled.' });
  });

  it('asks a new password twice, again when it is too short or the two differ, and gives up after three tries', async () => {
    const tty = terminal();
    const chosen = askNewPassword(tty);
    const lines = ['short\r', 'correct horse battery\r', 'correct horse batterY\r', 'correct horse battery\r', 'correct horse battery\r'];
    lines.forEach((line, i) => setTimeout(() => tty.typed(line), 10 + 20 * i));
    expect(await chosen).toBe('correct horse battery');
    expect(tty.shown()).toContain('Too short: 5 characters, at least 12 are needed.');
    expect(tty.shown()).toContain('The two passwords differ.');
    expect(tty.shown()).not.toContain('correct horse');

    const other = terminal();
    const refused = askNewPassword(other);
    ['tiny\r', 'small\r', 'wee\r'].forEach((line, i) => setTimeout(() => other.typed(line), 10 + 20 * i));
    await expect(refused).rejects.toMatchObject({ exitCode: ExitCode.USAGE, message: expect.stringContaining('No password set') });
  });
});
