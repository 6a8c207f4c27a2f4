import { Command, CommanderError } from 'commander';
import { registerAuth } from './commands/auth';
import { registerClients } from './commands/clients';
import { createContext, type Context } from './commands/common';
import { registerContracts } from './commands/contracts';
import { registerEvents } from './commands/events';
import { registerSchool } from './commands/school-import';
import { registerTasks } from './commands/tasks';
import { registerUsers } from './commands/users';
import { CliError, ExitCode } from './exit-codes';
import { terminal, type Output } from './output';
import { SessionStore } from './session-store';
import { reportUnexpected } from './sentry';
import { chooseLanguage, tr } from './i18n';

const exitCodesHelp = () => tr(`
Codes de sortie :
  0  fait                          4  permission refusée
  1  erreur inattendue (un bogue)  5  introuvable
  2  mauvais usage ou saisie       6  conflit : quelqu'un d'autre l'a modifié, ou déjà fait
  3  non connecté / expiré         7  serveur injoignable

Langue : --lang fr|en, sinon RELAIS_LANG, sinon la locale (LANG) ; français par défaut.
`, `
Exit codes:
  0  done                          4  permission denied
  1  unexpected error (a bug)      5  not found
  2  bad usage or input            6  conflict: someone else changed it, or already done
  3  not logged in / expired       7  cannot reach the server

Language: --lang fr|en, else RELAIS_LANG, else the locale (LANG); French by default.
`);

/** Commander's own words (help titles, usage errors) in French; English is commander's. */
const COMMANDER_TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :', 'Arguments:': 'Arguments :', 'Options:': 'Options :', 'Commands:': 'Commandes :', 'Global Options:': 'Options globales :',
};
const COMMANDER_ERRORS: Array<[RegExp, string]> = [
  [/^error: unknown command '(.*?)'/, 'erreur : commande inconnue « $1 »'],
  [/^error: unknown option '(.*?)'/, 'erreur : option inconnue « $1 »'],
  [/^error: missing required argument '(.*?)'/, 'erreur : argument obligatoire manquant « $1 »'],
  [/^error: option '(.*?)' argument missing/, 'erreur : l\'option « $1 » attend une valeur'],
  [/^error: required option '(.*?)' not specified/, 'erreur : l\'option obligatoire « $1 » n\'est pas donnée'],
  [/^error: too many arguments(?: for '(.*?)')?\. Expected (\d+) arguments? but got (\d+)\./, 'erreur : trop d\'arguments ($2 attendu(s), $3 reçu(s))'],
  [/^error: /, 'erreur : '],
  [/\(Did you mean one of (.*)\?\)/, '(vouliez-vous dire l\'un de $1 ?)'],
  [/\(Did you mean (.*)\?\)/, '(vouliez-vous dire $1 ?)'],
];
const frenchCommander = (text: string) => COMMANDER_ERRORS.reduce((t, [pattern, french]) => t.replace(pattern, french), text);

/** Thrown on purpose when RELAIS_CLI_CRASH_TEST=1, so that tests can check what Sentry receives. */
class CrashTestError extends Error {
  override name = 'CrashTestError';
}

export function buildProgram(ctx: Context): Command {
  const program = new Command('relais')
    .description(tr('Client en ligne de commande de Relais : clients, contrats, événements et tâches d\'Epic Events', 'Relais command-line client: Epic Events clients, contracts, events and tasks'))
    .version('0.1.0', '-V, --version', tr('affiche la version', 'output the version number'))
    .helpOption('-h, --help', tr('affiche l\'aide de la commande', 'display help for command'))
    .helpCommand('help [command]', tr('affiche l\'aide d\'une commande', 'display help for command'))
    // Read before the program is built (chooseLanguage in run): declared so that commander accepts it.
    .option('--lang <fr|en>', tr('la langue des messages : fr ou en', 'the language of messages: fr or en'))
    // Usage errors become CommanderErrors handled below (exit 2) instead of commander exiting by itself.
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(tr(frenchCommander(s), s)),
    })
    .configureHelp({
      styleTitle: (title) => tr(COMMANDER_TITLES[title] ?? title, title),
      styleDescriptionText: (text) => tr(text.replace(/\(default: (.*)\)$/, '(par défaut : $1)'), text),
    })
    .showHelpAfterError(tr('(ajoutez --help pour l\'usage)', '(add --help for usage)'))
    .addHelpText('after', exitCodesHelp());
  program.hook('preAction', () => {
    // The one place an unexpected error can be provoked; it quotes the email to prove it is scrubbed.
    if (process.env.RELAIS_CLI_CRASH_TEST === '1') throw new CrashTestError(`Crash test requested while signed in as ${ctx.store.read()?.email ?? 'nobody'}`);
  });
  registerAuth(program, ctx);
  registerClients(program, ctx);
  registerContracts(program, ctx);
  registerEvents(program, ctx);
  registerTasks(program, ctx);
  registerUsers(program, ctx);
  registerSchool(program, ctx);
  return program;
}

function printCliError(output: Output, error: CliError): void {
  const lines = [tr(`Erreur : ${error.message}`, `Error: ${error.message}`)];
  for (const p of error.problems) lines.push(`  - ${p.field}${tr(' : ', ': ')}${p.message}`);
  output.err(lines.join('\n'));
}

/** Runs one command line and answers its exit code; nothing but RELAIS_DEBUG prints a stack trace. */
export async function run(argv: string[], output: Output = terminal, store = new SessionStore()): Promise<number> {
  chooseLanguage(argv);
  const ctx = createContext(store, output);
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed its message (or the help, or the version) already.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (error instanceof CliError) {
      printCliError(output, error);
      return error.exitCode;
    }
    let session;
    try {
      session = store.read();
    } catch {
      session = undefined;
    }
    const reported = await reportUnexpected(error, session).catch(() => false);
    output.err(tr(
      `Erreur inattendue : ${(error as Error)?.message ?? String(error)}\n`
      + `C'est un bogue de relais${reported ? ', et il a été signalé' : ''}. Relancez avec RELAIS_DEBUG=1 pour voir le détail.`,
      `Unexpected error: ${(error as Error)?.message ?? String(error)}\n`
      + `This is a bug in relais${reported ? ' and it has been reported' : ''}. Run again with RELAIS_DEBUG=1 to see the details.`,
    ));
    if (process.env.RELAIS_DEBUG === '1') output.err(String((error as Error)?.stack ?? error));
    return ExitCode.UNEXPECTED;
  }
}

/** Exits once what was written to stdout and stderr has been handed over (a pipe may still hold it). */
async function exit(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
  process.exit(code);
}

/** The program: the bin launcher (cli/bin/relais.mjs) calls this; `node --import tsx cli/main.ts` too. */
export function cli(argv = process.argv.slice(2)): void {
  // `relais events list | head -3`: the reader went away; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.OK);
    throw error;
  });
  void run(argv).then(exit, async (error: unknown) => {
    process.stderr.write(tr(`Erreur inattendue : ${String(error)}\n`, `Unexpected error: ${String(error)}\n`));
    await exit(ExitCode.UNEXPECTED);
  });
}

if (require.main === module) cli();
