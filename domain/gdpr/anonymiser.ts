import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { COLUMN_NAMES } from '../../db/knexfile';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { personalDataDeclarations, recordKinds } from '../modules/registry';
import { foldSearchWords } from '../search/search-words';
import { anonymisedRow, anonymisedValue, columnsToWrite, needsKey, releasesKept, type ColumnShape, type PlannedColumn } from './anonymiser-values';
import type { PseudonymKey } from './operators';
import { personalDataDeclaration, type ParsedPersonalData } from './personal-data';

/**
 * The anonymiser (issue 15, docs/adr/0026-retention.md): given a table, row ids and the declarations, each
 * personal column gets its declared operator, in one UPDATE per batch whose values are one bound JSON
 * parameter, inside the caller's transaction (row-level security: the organisation's rows only). A row
 * done is marked (`gdpr_anonymised_rows`): a second pass leaves it as it is. What follows from a row is
 * done with it, as far as the declarations find it: its history entries' changes, the messages about it
 * (or to a contact), an account's documents and their files' content; generated search columns follow
 * their sources, and the names' words leave the search dictionary in the same transaction (its fold, ADR
 * 0040). Retention uses it now; erasure (with its undo window) will.
 */
export type Parsed = ParsedPersonalData['tables'][string];

export interface AnonymiseRequest {
  tenantId: string;
  table: string;
  ids: readonly string[];
  reason: 'retention' | 'erasure';
  /** The organisation's pseudonym key (pseudonym-key.ts), asked for only when a column is pseudonymised. */
  key: () => PseudonymKey;
  runId?: string | null;
  /**
   * Erasure's undo window (docs/adr/0027-erasure.md): told, before a batch is written, each row's values
   * of the columns that change (`{}` when none does), so they can be sealed and written back.
   */
  capture?: (table: string, rows: ReadonlyArray<{ id: string; values: Record<string, unknown> }>) => void;
}

export interface AnonymiseOutcome {
  /** Rows of the table anonymised now (those done before are not counted). */
  rows: number;
  /** Rows that followed, by table (history, messages, documents). */
  followed: Record<string, number>;
  /** The storage keys of the documents' files whose content is to be erased once the transaction commits (`eraseFiles`). */
  files: string[];
}

const NAME = /^[a-z][a-z0-9_]*$/;
/** A declared table or column, quoted (declarations are code, checked by the coverage test; the name is checked again here). */
export function ident(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a table or column name: ${name}`);
  return `"${name}"`;
}

let declared: Map<string, Parsed> | undefined;
/** Every declared table, parsed once. */
export function declaredTables(): Map<string, Parsed> {
  if (!declared) {
    declared = new Map();
    for (const { declaration } of personalDataDeclarations()) {
      for (const [table, t] of Object.entries(personalDataDeclaration.parse(declaration).tables)) declared.set(table, t);
    }
  }
  return declared;
}

/** The record type whose rows live in a table (history and messages name records by it). */
export function recordTypeOf(table: string): string | undefined {
  return recordKinds().find((k) => k.resource.table === table)?.resource.recordType;
}

export async function columnShapes(trx: Knex.Transaction, table: string): Promise<Map<string, ColumnShape>> {
  const rows = await trx.raw<{ rows: Array<{ column_name: string; data_type: string; is_nullable: string; is_generated: string }> }>(
    'select column_name, data_type, is_nullable, is_generated from information_schema.columns where table_schema = current_schema() and table_name = ?', [table],
  ).queryContext({ [COLUMN_NAMES]: true });
  return new Map(rows.rows.map((r) => [r.column_name, { name: r.column_name, dataType: r.data_type, nullable: r.is_nullable === 'YES', generated: r.is_generated === 'ALWAYS' }]));
}

/** How a table's ids are cast from text (uuids mostly; the history's are numbers). */
function idCast(shapes: ReadonlyMap<string, ColumnShape>): string {
  const type = shapes.get('id')?.dataType;
  if (!type) throw new Error('a table without an id: its rows cannot be named');
  return type === 'uuid' ? 'uuid' : type === 'bigint' || type === 'integer' ? type : 'text';
}

async function idsWhere(trx: Knex.Transaction, table: string, where: string, bindings: readonly Knex.Value[]): Promise<string[]> {
  const found = await trx.raw<{ rows: Array<{ id: string }> }>(`select id::text as id from ${ident(table)} where ${where}`, bindings);
  return found.rows.map((r) => r.id);
}

/**
 * Tables the application only appends to: their rows change through a function of their own (migration
 * 20261216000400), which does what the declaration says (the history's changes erased) in the caller's organisation.
 */
const APPEND_ONLY: Record<string, { anonymise: string; remove: string }> = {
  history: { anonymise: 'gdpr_erase_history_changes', remove: 'gdpr_delete_history' },
};

async function callAppendOnly(trx: Knex.Transaction, fn: string, ids: readonly string[], cast: string): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ n: number }> }>(`select ${ident(fn)}(?::${cast}[]) as n`, [ids as string[]]);
  return Number(rows[0]?.n ?? 0);
}

/** Writes the planned columns of the rows (one statement, one bound parameter); answers the rows written. */
async function writeBatch(
  trx: Knex.Transaction, table: string, ids: readonly string[], planned: readonly PlannedColumn[], key: PseudonymKey | undefined, cast: string,
  capture?: AnonymiseRequest['capture'],
): Promise<number> {
  if (!planned.length || !ids.length) {
    capture?.(table, ids.map((id) => ({ id, values: {} })));
    return ids.length;
  }
  const appendOnly = APPEND_ONLY[table];
  const list = planned.map((c) => ident(c.column)).join(', ');
  const read = await trx.raw<{ rows: Array<Record<string, unknown>> }>(`select id, ${list} from ${ident(table)} where id = any(?::${cast}[])${appendOnly ? '' : ' for update'}`, [ids as string[]])
    .queryContext({ [COLUMN_NAMES]: true });
  if (capture) {
    capture(table, read.rows.map((row) => {
      const changed = anonymisedRow(row, planned, key) ?? {};
      return { id: String(row.id), values: Object.fromEntries(Object.keys(changed).map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]])) };
    }));
  }
  if (appendOnly) return callAppendOnly(trx, appendOnly.anonymise, ids, cast);
  if (!read.rows.length) return 0;
  const values = read.rows.map((row) => Object.fromEntries([['id', row.id], ...planned.map((c) => [c.column, anonymisedValue(row[c.column], c, key)])]));
  const set = planned.map((c) => `${ident(c.column)} = v.${ident(c.column)}`).join(', ');
  await trx.raw(`update ${ident(table)} as t set ${set} from jsonb_populate_recordset(null::${ident(table)}, ?::jsonb) as v where t.id = v.id`, [JSON.stringify(values)]);
  return read.rows.length;
}

/** The rows not anonymised yet, of those asked for (by retention only, when its end releases kept columns: an erasure kept them). */
async function notDone(trx: Knex.Transaction, table: string, ids: readonly string[], onlyReason?: 'retention'): Promise<string[]> {
  if (!ids.length) return [];
  const query = trx('gdprAnonymisedRows').where({ tableName: table }).whereIn('rowId', ids as string[]);
  if (onlyReason) query.where({ reason: onlyReason });
  const done = new Set((await query.select('rowId')).map((r) => String(r.rowId)));
  return ids.filter((id) => !done.has(id));
}

async function mark(trx: Knex.Transaction, request: AnonymiseRequest, table: string, ids: readonly string[], replace = false): Promise<void> {
  if (!ids.length) return;
  const insert = trx('gdprAnonymisedRows')
    .insert(ids.map((rowId) => ({ tenantId: request.tenantId, tableName: table, rowId, reason: request.reason, runId: request.runId ?? null })))
    .onConflict(['tenantId', 'tableName', 'rowId']);
  // A row an erasure did, whose kept columns retention now released, is retention's from then on.
  await (replace ? insert.merge(['reason', 'runId']) : insert.ignore());
}

const EMPTY_SHA256 = crypto.createHash('sha256').update(Buffer.alloc(0)).digest('hex');

/** What follows from rows of a table: their history, the messages about them, an account's documents and files. */
async function follow(trx: Knex.Transaction, request: AnonymiseRequest, ids: readonly string[], outcome: AnonymiseOutcome): Promise<void> {
  const add = (table: string, n: number) => { if (n) outcome.followed[table] = (outcome.followed[table] ?? 0) + n; };
  const recordType = recordTypeOf(request.table);
  const byRecord = recordType ? [recordType, ids as string[]] : null;
  if (byRecord && request.table !== 'history') {
    add('history', (await anonymiseTable(trx, { ...request, table: 'history', ids: await idsWhere(trx, 'history', 'record_type = ? and record_id = any(?::uuid[])', byRecord) })).rows);
  }
  const messageIds = [
    ...(byRecord ? await idsWhere(trx, 'messages', 'record_type = ? and record_id = any(?::uuid[])', byRecord) : []),
    ...(request.table === 'contacts' ? await idsWhere(trx, 'messages', 'contact_id = any(?::uuid[])', [ids as string[]]) : []),
  ];
  if (messageIds.length) add('messages', (await anonymiseTable(trx, { ...request, table: 'messages', ids: [...new Set(messageIds)] })).rows);
  if (request.table === 'accounts') {
    const documents = await trx('documents').whereIn('accountId', ids as string[]).select('id', 'storageKey');
    const fresh = new Set(await notDone(trx, 'documents', documents.map((d) => String(d.id))));
    add('documents', (await anonymiseTable(trx, { ...request, table: 'documents', ids: [...fresh] })).rows);
    for (const document of documents.filter((d) => fresh.has(String(d.id)))) {
      await trx('documents').where({ id: document.id }).update({ sizeBytes: 0, sha256: EMPTY_SHA256 });
      outcome.files.push(String(document.storageKey));
    }
  }
}

const BATCH = 500;

/** Anonymises rows of one table, and what follows from them; rows done before are left as they are. */
export async function anonymiseTable(trx: Knex.Transaction, request: AnonymiseRequest): Promise<AnonymiseOutcome> {
  const declaration = declaredTables().get(request.table);
  if (!declaration) throw new Error(`no personal-data declaration for table ${request.table}`);
  const outcome: AnonymiseOutcome = { rows: 0, followed: {}, files: [] };
  // The retention's end releases what the law kept (an invoice's buyer after ten years), even on rows an erasure did.
  const releasing = request.reason === 'retention' && releasesKept(declaration.personal);
  const ids = await notDone(trx, request.table, [...new Set(request.ids)], releasing ? 'retention' : undefined);
  if (!ids.length) return outcome;
  const shapes = await columnShapes(trx, request.table);
  const cast = idCast(shapes);
  const planned = columnsToWrite(declaration.personal, shapes, request.reason === 'retention');
  const key = needsKey(planned) ? request.key() : undefined;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    outcome.rows += await writeBatch(trx, request.table, batch, planned, key, cast, request.capture);
    await mark(trx, request, request.table, batch, releasing);
    await follow(trx, request, batch, outcome);
  }
  await foldSearchWords(trx, request.tenantId);
  return outcome;
}

/** Deletes rows of a table, after anonymising what follows from them (their history, their messages). */
export async function deleteRows(trx: Knex.Transaction, request: AnonymiseRequest): Promise<AnonymiseOutcome> {
  const outcome: AnonymiseOutcome = { rows: 0, followed: {}, files: [] };
  const ids = [...new Set(request.ids)];
  const cast = idCast(await columnShapes(trx, request.table));
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await follow(trx, request, batch, outcome);
    const appendOnly = APPEND_ONLY[request.table];
    outcome.rows += appendOnly
      ? await callAppendOnly(trx, appendOnly.remove, batch, cast)
      : await trx.raw<{ rowCount: number }>(`delete from ${ident(request.table)} where id = any(?::${cast}[])`, [batch]).then((r) => r.rowCount);
  }
  await foldSearchWords(trx, request.tenantId);
  return outcome;
}

/** Erases the content of documents' files (an empty file under the same key), after the rows' transaction committed. */
export async function eraseFiles(storage: DocumentStorage | undefined, keys: readonly string[]): Promise<void> {
  if (!storage) return;
  for (const key of keys) await storage.put(key, Buffer.alloc(0));
}
