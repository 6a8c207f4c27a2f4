import readline from 'node:readline';
import { CliError, ExitCode, usageError } from './exit-codes';
import { tr } from './i18n';

const cancelled = () => new CliError(tr('Annulé.', 'Cancelled.'), ExitCode.USAGE);
const unanswered = () => new CliError(tr('Annulé : pas de réponse.', 'Cancelled: no answer.'), ExitCode.USAGE);

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

const standard = (): PromptStreams => ({ input: process.stdin, output: process.stderr as PromptStreams['output'] });

/**
 * Questions are asked only when a person is there: stdin and stdout both
 * terminals. A script (pipe, cron, CI) gets an error naming the missing flag
 * instead of a command that hangs waiting for an answer.
 */
export function interactive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** Asks one question on the terminal and answers the trimmed line. Prompts go to stderr to keep stdout for results. */
export function ask(question: string, streams: PromptStreams = standard()): Promise<string> {
  const rl = readline.createInterface({ input: streams.input, output: streams.output, terminal: Boolean(streams.input.isTTY) });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => {
      rl.close();
      reject(cancelled());
    });
    rl.on('close', () => {
      if (!answered) reject(unanswered());
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
  });
}

/** The first line of standard input, for secrets piped in (`--password-stdin`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0]!;
}

/** Reads a secret without echoing it: the terminal in raw mode, one key at a time. */
export function askHidden(question: string, streams: PromptStreams = standard()): Promise<string> {
  const { input, output } = streams;
  if (!input.isTTY || !input.setRawMode) return ask(question, streams);
  output.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: CliError) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(cancelled());
        if (ch === '\u0004') return done(value ? undefined : unanswered());
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

export interface RequiredValue<T> {
  /** The flag that gives this value, named in the error when it is missing: `--name`. */
  flag: string;
  /** What to ask for, in the user's language: "Nom complet". */
  label: string;
  parse: (text: string) => T | Promise<T>;
}

/**
 * A required value: from its flag when given; otherwise asked for (again
 * until it parses) when a person is at the terminal; otherwise an error that
 * names the flag (exit 2).
 */
export async function required<T>(given: string | undefined, spec: RequiredValue<T>, canAsk = interactive(), streams?: PromptStreams): Promise<T> {
  if (given !== undefined && given.trim() !== '') return spec.parse(given);
  if (!canAsk) throw usageError(tr(`${spec.flag} manquant (${spec.label.toLowerCase()}).`, `Missing ${spec.flag} (${spec.label.toLowerCase()}).`), [{ field: spec.flag, message: tr('est obligatoire', 'is required') }]);
  for (;;) {
    const answer = await ask(`${spec.label}: `, streams);
    if (answer === '') continue;
    try {
      return await spec.parse(answer);
    } catch (e) {
      if (!(e instanceof CliError) || (e.exitCode !== ExitCode.USAGE && e.exitCode !== ExitCode.NOT_FOUND)) throw e;
      (streams?.output ?? process.stderr).write(`${e.message}\n`);
    }
  }
}

/** The API's rule for passwords (domain/identity/user.schema.ts), checked at the prompt so that a short one is asked again. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * A new password typed twice at hidden prompts: asked again while it is too
 * short or the two do not match, three times at most (exit 2 then).
 */
export async function askNewPassword(streams: PromptStreams = standard(), attempts = 3): Promise<string> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const first = await askHidden(tr(`Nouveau mot de passe (au moins ${MIN_PASSWORD_LENGTH} caractères) : `, `New password (at least ${MIN_PASSWORD_LENGTH} characters): `), streams);
    if (first.length < MIN_PASSWORD_LENGTH) {
      streams.output.write(tr(`Trop court : ${first.length} caractères, il en faut au moins ${MIN_PASSWORD_LENGTH}.\n`, `Too short: ${first.length} characters, at least ${MIN_PASSWORD_LENGTH} are needed.\n`));
      continue;
    }
    const again = await askHidden(tr('Le même mot de passe à nouveau : ', 'Same password again: '), streams);
    if (again === first) return first;
    streams.output.write(tr('Les deux mots de passe diffèrent.\n', 'The two passwords differ.\n'));
  }
  throw usageError(tr(
    `Aucun mot de passe défini : il doit compter au moins ${MIN_PASSWORD_LENGTH} caractères et être tapé deux fois à l'identique.`,
    `No password set: it must have at least ${MIN_PASSWORD_LENGTH} characters and be typed the same twice.`,
  ), [{ field: 'password', message: tr('n\'a pas été confirmé', 'was not confirmed') }]);
}
