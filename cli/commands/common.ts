import type { Command } from 'commander';
import { Api } from '../http';
import { printJson, type Output } from '../output';
import type { SessionStore } from '../session-store';
import { DEFAULT_TIME_ZONE } from '../dates';

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
  return cmd.option('--json', 'print the API\'s JSON instead of a table (for scripts)');
}

export function withListOptions(cmd: Command, sorts: string): Command {
  return withJson(cmd
    .option('-s, --search <text>', 'only records containing this text (names, company, location)')
    .option('--sort <field>', `order: ${sorts} (prefix - for descending)`)
    .option('--limit <n>', 'how many to show (1-200)', undefined)
    .option('--all', 'every matching record, page after page'));
}

/** Prints the API's value as JSON, or the readable rendering. */
export function emit(ctx: Context, options: JsonFlag, value: unknown, render: () => string): void {
  if (options.json) printJson(ctx.output, value);
  else ctx.output.out(render());
}
