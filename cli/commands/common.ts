import type { Command } from 'commander';
import { Api } from '../http';
import { printJson, type Output } from '../output';
import type { SessionStore } from '../session-store';
import { DEFAULT_TIME_ZONE } from '../dates';
import { tr } from '../i18n';

/** What every command needs, created once by main.ts. */
export interface Context {
  store: SessionStore;
  output: Output;
  /** The API client of the logged-in user (exit 3 when nobody is). */
  api(): Api;
  timeZone: string;
}

export function createContext(store: SessionStore, output: Output): Context {
  let api: Api | undefined;
  return {
    store, output, timeZone: process.env.RELAIS_TIME_ZONE || DEFAULT_TIME_ZONE,
    api: () => (api ??= Api.forStoredSession(store)),
  };
}

export interface JsonFlag {
  json?: boolean;
}

/** Every command takes --json: the API's JSON on stdout, for scripts. */
export function withJson(cmd: Command): Command {
  return cmd.option('--json', tr('affiche le JSON de l\'API au lieu d\'un tableau (pour les scripts)', 'print the API\'s JSON instead of a table (for scripts)'));
}

export function withListOptions(cmd: Command, sorts: string): Command {
  return withJson(cmd
    .option(tr('-s, --search <texte>', '-s, --search <text>'), tr('seulement les enregistrements contenant ce texte (noms, société, lieu)', 'only records containing this text (names, company, location)'))
    .option(tr('--sort <champ>', '--sort <field>'), tr(`ordre : ${sorts} (préfixe - pour décroissant)`, `order: ${sorts} (prefix - for descending)`))
    .option('--limit <n>', tr('combien en afficher (1-200)', 'how many to show (1-200)'), undefined)
    .option('--all', tr('tous les enregistrements qui correspondent, page après page', 'every matching record, page after page')));
}

/** Prints the API's value as JSON, or the readable rendering. */
export function emit(ctx: Context, options: JsonFlag, value: unknown, render: () => string): void {
  if (options.json) printJson(ctx.output, value);
  else ctx.output.out(render());
}
