import { CliError, ExitCode, usageError } from './exit-codes';
import type { Api, ApiResponse } from './http';
import { noun as nounOf, ofNoun, tr, type Noun } from './i18n';

/** One kind of Epic Events record as the CLI addresses it. */
export interface RecordKind {
  path: string;
  /** Its commands: `relais clients …`. */
  command: string;
  noun: Noun;
  /** API field → flag, so that the server's field errors name what the user typed. */
  flags: Record<string, string>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Versioned {
  id: string;
  number: number;
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^(?:#|n°\s*|no\.?\s*)?(\d{1,15})$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Remembered per process: once the API said it has no `number` filter, do not ask again. */
let numberFilterMissing = false;

/**
 * A record's id from what the user typed: its id as is, or its human number
 * ("12", "#12") looked up through the list. The API's `number` filter answers
 * in one request; an API without it is scanned in number order.
 */
export async function resolveRef(api: Api, kind: RecordKind, ref: string, flag?: string): Promise<string> {
  const text = ref.trim();
  if (isUuid(text)) return text;
  const match = NUMBER.exec(text);
  if (!match) {
    const what = flag ? `${flag} "${ref}"` : `"${ref}"`;
    throw usageError(
      tr(`${what} n'est ni un numéro ${ofNoun(kind.noun)} (comme 12) ni un identifiant.`, `${what} is not a ${nounOf(kind.noun)} number (such as 12) or id.`),
      flag ? [{ field: flag, message: tr('n\'est ni un numéro ni un identifiant', 'is not a number or an id') }] : [],
    );
  }
  const number = Number(match[1]);
  const found = numberFilterMissing ? await scanForNumber(api, kind, number) : await byNumberFilter(api, kind, number);
  if (!found) {
    throw new CliError(tr(
      `Il n'y a pas ${ofNoun(kind.noun)} numéro ${number}${flag ? ` (${flag})` : ''}. Listez-les avec \`relais ${kind.command} list\`.`,
      `There is no ${nounOf(kind.noun)} number ${number}${flag ? ` (${flag})` : ''}. List them with \`relais ${kind.command} list\`.`,
    ), ExitCode.NOT_FOUND);
  }
  return found;
}

async function byNumberFilter(api: Api, kind: RecordKind, number: number): Promise<string | undefined> {
  try {
    const page = await api.get<Page<Versioned>>(kind.path, { query: { number, limit: 1 } });
    return page.body.items.find((i) => i.number === number)?.id;
  } catch (e) {
    if (e instanceof CliError && e.exitCode === ExitCode.USAGE && e.problems.some((p) => p.field === 'number')) {
      numberFilterMissing = true;
      return scanForNumber(api, kind, number);
    }
    throw e;
  }
}

async function scanForNumber(api: Api, kind: RecordKind, number: number): Promise<string | undefined> {
  let cursor: string | undefined;
  for (;;) {
    const page = await api.get<Page<Versioned>>(kind.path, { query: { sort: 'number', limit: 200, cursor } });
    for (const item of page.body.items) {
      if (item.number === number) return item.id;
      if (item.number > number) return undefined;
    }
    if (!page.body.nextCursor) return undefined;
    cursor = page.body.nextCursor;
  }
}

export async function fetchRecord<T>(api: Api, kind: RecordKind, ref: string): Promise<ApiResponse<T>> {
  const id = await resolveRef(api, kind, ref);
  return api.get<T>(`${kind.path}/${id}`);
}

export interface ListOptions {
  limit?: string;
  all?: boolean;
  search?: string;
  sort?: string;
}

/** One page, or every page with --all (for scripts that want the whole list). */
export async function listRecords<T>(api: Api, kind: RecordKind, filters: Record<string, string | undefined>, options: ListOptions): Promise<Page<T>> {
  const limit = options.all ? 200 : parseLimit(options.limit);
  const query = { ...filters, q: options.search, sort: options.sort, limit };
  const first = await api.get<Page<T>>(kind.path, { query, flags: { q: '--search', sort: '--sort', limit: '--limit' } });
  if (!options.all) return first.body;
  const items = [...first.body.items];
  let cursor = first.body.nextCursor;
  while (cursor) {
    const next = await api.get<Page<T>>(kind.path, { query: { ...query, cursor } });
    items.push(...next.body.items);
    cursor = next.body.nextCursor;
  }
  return { items, nextCursor: null };
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return 50;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 200) {
    throw usageError(
      tr(`--limit "${text}" doit être un nombre entier de 1 à 200 (ou utilisez --all).`, `--limit "${text}" must be a whole number from 1 to 200 (or use --all).`),
      [{ field: '--limit', message: tr('doit aller de 1 à 200', 'must be from 1 to 200') }],
    );
  }
  return n;
}

/**
 * An update that cannot overwrite someone else's: the record's version is read
 * (or given with --if-version), then sent as If-Match. A 412 means someone saved
 * in between (exit 6, nothing written).
 */
export async function updateRecord<T>(api: Api, kind: RecordKind, ref: string, patch: Record<string, unknown>, ifVersion?: string): Promise<ApiResponse<T>> {
  const flags = [...new Set(Object.values(kind.flags))].join(', ');
  if (Object.keys(patch).length === 0) throw usageError(tr(`Rien à modifier : donnez au moins l'une des options ${flags}.`, `Nothing to change: give at least one of ${flags}.`));
  const id = await resolveRef(api, kind, ref);
  let version: number;
  if (ifVersion !== undefined) {
    version = Number(ifVersion);
    if (!Number.isInteger(version) || version < 0) {
      throw usageError(
        tr(`--if-version "${ifVersion}" doit être un numéro de version, tel que \`show --json\` l'affiche.`, `--if-version "${ifVersion}" must be a version number, as \`show --json\` prints it.`),
        [{ field: '--if-version', message: tr('n\'est pas un numéro de version', 'is not a version number') }],
      );
    }
  } else {
    version = (await api.get<Versioned>(`${kind.path}/${id}`)).body.version;
  }
  try {
    return await api.patch<T>(`${kind.path}/${id}`, patch, { headers: { 'if-match': `"${version}"` }, flags: kind.flags });
  } catch (e) {
    if (e instanceof CliError && e.status === 412) {
      throw new CliError(tr(
        `Quelqu'un d'autre a modifié cet enregistrement (${nounOf(kind.noun)}) après la lecture de sa version ${version} : rien n'a été enregistré. `
        + `Regardez sa modification avec \`relais ${kind.command} show ${ref}\`, puis relancez la vôtre.`,
        `Someone else changed this ${nounOf(kind.noun)} after version ${version} was read: nothing was saved. `
        + `Look at their change with \`relais ${kind.command} show ${ref}\`, then run your update again.`,
      ), ExitCode.CONFLICT);
    }
    throw e;
  }
}

/** Only the flags that were given, as API fields; an empty flag value clears an optional field. */
export function patchFrom(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
