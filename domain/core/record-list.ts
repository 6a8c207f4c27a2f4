import type { Knex } from 'knex';
import { snakeCaseMappers } from 'objection';
import { COLUMN_NAMES } from '../../db/knexfile';
import { compileStatement, LIMIT_MARKER, runCompiled, StatementCache, valueMarker } from '../../db/compiled-statement';
import { readableFieldSet, scopeOf } from '../identity/ability';
import { ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import type { RecordResource, SortSpec } from './record-resource';
import { baseQuery, columnsOf, factsOf, forbiddenKind, isUuid, outputFields, whereScope, type RequestContext } from './record-service';
import { cursorValueFits, decodeCursor, encodeCursor } from './cursor';

type Row = Record<string, unknown>;

export interface ListQuery {
  limit: number;
  cursor?: string;
  sort?: string;
  filters: Record<string, string>;
  q?: string;
}

export interface Page {
  items: Row[];
  nextCursor: string | null;
}

/** A list's statement up to its conditions: the kind's base query, the cursor's sort value, the read scope. */
function startList(trx: Knex.Transaction, res: RecordResource, columns: readonly string[], sort: SortSpec,
  scope: ReadonlyArray<Record<string, unknown>> | null): Knex.QueryBuilder {
  const qb = baseQuery(trx, res, columns);
  // The sort value as PostgreSQL prints it: a timestamp keeps its microseconds
  // (a JavaScript Date would cut them), so the next page starts right after this one.
  qb.select(trx.raw("to_json(??) #>> '{}' as ??", [`t.${sort.column}`, 'cursorValue']));
  if (scope) whereScope(qb, res, scope);
  return qb;
}

/** A plain column filter: its value, or `is null` for the value 'null'. */
function whereFilter(qb: Knex.QueryBuilder, column: string, value: string | null): void {
  if (value === null) qb.whereNull(`t.${column}`);
  else qb.where(`t.${column}`, value);
}

/** After the conditions: the keyset cursor, the order and the limit; rows answered with their column names. */
function finishList(qb: Knex.QueryBuilder, sort: SortSpec, cursor: readonly [unknown, unknown] | null, limit: number): Knex.QueryBuilder {
  const op = sort.direction === 'asc' ? '>' : '<';
  if (cursor) qb.whereRaw(`(??, ??) ${op} (?, ?)`, [`t.${sort.column}`, 't.id', cursor[0] as string, cursor[1] as string]);
  qb.orderBy([{ column: `t.${sort.column}`, order: sort.direction }, { column: 't.id', order: sort.direction }]).limit(limit);
  // Rows with their column names: presentRows maps only the fields it answers.
  return qb.queryContext({ [COLUMN_NAMES]: true });
}

/** Compiled list statements by record kind and shape (db/compiled-statement.ts). */
const compiledLists = new WeakMap<RecordResource, StatementCache>();

/**
 * A list without a quick search or a filter function: its statement is built
 * by knex once per shape (sort, scope's form, filters given, cursor or not)
 * and run with its values (db/compiled-statement.ts, ADR 0032), prepared.
 */
async function compiledList(ctx: RequestContext, res: RecordResource, columns: readonly string[], sortName: string, sort: SortSpec,
  scope: ReadonlyArray<Record<string, unknown>> | null, filters: ReadonlyArray<readonly [string, string | null]>,
  cursor: readonly [unknown, unknown] | null, limit: number): Promise<Row[] | null> {
  const values: unknown[] = [];
  const marked = (value: unknown) => { values.push(value); return valueMarker(values.length - 1); };
  const markedScope = scope?.map((conditions) => Object.fromEntries(Object.entries(conditions).map(([k, v]) => [k, marked(v)]))) ?? null;
  const markedFilters = filters.map(([column, value]) => [column, value === null ? null : marked(value)] as const);
  const markedCursor = cursor ? [marked(cursor[0]), marked(cursor[1])] as const : null;
  if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) return null;
  const key = [sortName, JSON.stringify(scope?.map((c) => Object.keys(c)) ?? null), JSON.stringify(markedFilters), cursor ? 'after' : 'first'].join('|');
  let cache = compiledLists.get(res);
  if (!cache) compiledLists.set(res, cache = new StatementCache());
  const statement = cache.get(key, () => {
    const qb = startList(ctx.trx, res, columns, sort, markedScope);
    for (const [column, value] of markedFilters) whereFilter(qb, column, value);
    return compileStatement(finishList(qb, sort, markedCursor, LIMIT_MARKER), values.length, true);
  });
  if (!statement) return null;
  return runCompiled(ctx.trx, statement, [...values, limit]);
}

export async function listRecords(ctx: RequestContext, res: RecordResource, query: ListQuery): Promise<Page> {
  if (!ctx.ability.can('read', res.subject)) throw forbiddenKind(res);
  const sortName = query.sort ?? res.defaultSort;
  const sort = res.sorts[sortName];
  if (!sort) throw new ValidationError([{ field: 'sort', message: coreMessage('field.sort', { sorts: Object.keys(res.sorts) }) }]);
  const columns = await columnsOf(ctx.trx, res);
  // The same conditions, from the same CASL rules, as record checks; none when the rules give no row-level condition.
  const scopeRules = scopeOf(ctx.ability, 'read', res.subject);
  const scope = scopeRules && scopeRules.length ? scopeRules : null;
  const quickSearch = query.q && res.quickSearch ? res.quickSearch : null;
  const functions = Object.keys(query.filters).some((name) => typeof res.filters[name] === 'function');
  // Checked in the order given (the first wrong one is named), then the cursor.
  const filters: Array<readonly [string, string | null]> = [];
  const applyFilters = (qb: Knex.QueryBuilder | null) => {
    for (const [name, value] of Object.entries(query.filters)) {
      const column = res.filters[name];
      if (!column) throw new ValidationError([{ field: name, message: coreMessage('field.not-a-filter', { filters: Object.keys(res.filters) }) }]);
      if (typeof column === 'function') {
        column(qb!, value, ctx.principal);
        continue;
      }
      if (column.endsWith('Id') && value !== 'null' && !isUuid(value)) throw new ValidationError([{ field: name, message: coreMessage('field.uuid-or-null') }]);
      if (qb) whereFilter(qb, column, value === 'null' ? null : value);
      else filters.push([column, value === 'null' ? null : value]);
    }
  };
  const readCursor = (): readonly [unknown, unknown] | null => {
    if (!query.cursor) return null;
    const [value, id] = decodeCursor(query.cursor);
    if (!isUuid(id) || !cursorValueFits(sort.column, value, sort.text)) {
      throw new ValidationError([{ field: 'cursor', message: coreMessage('field.cursor-other-sort') }]);
    }
    return [value, id];
  };
  const limit = query.limit + 1;
  let rows: Row[] | null = null;
  const compilable = !functions && !quickSearch;
  if (compilable) {
    applyFilters(null);
    rows = await compiledList(ctx, res, columns, sortName, sort, scope, filters, readCursor(), limit);
  }
  if (!rows) {
    // Built at this request: a filter function or a quick search adds its own conditions, in the order they always came.
    const qb = startList(ctx.trx, res, columns, sort, scope);
    if (compilable) for (const [column, value] of filters) whereFilter(qb, column, value);
    else applyFilters(qb);
    if (quickSearch) quickSearch(qb, query.q!);
    finishList(qb, sort, readCursor(), limit);
    // A list without a quick search has one text per filter and sort: prepared, planned once per connection
    // (db/pg-client.ts). A quick search's plan depends on the term: planned each time.
    if (!quickSearch) qb.options({ prepare: true });
    rows = (await qb) as Row[];
  }
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: presentRows(ctx, res, page),
    nextCursor: more && last ? encodeCursor([last.cursor_value, last.id]) : null,
  };
}

const toCamelCase = snakeCaseMappers().parse;

/**
 * present() for a list's rows as the database names their columns: the same
 * answers, without a camelCase copy of every row first. Which columns to copy
 * is worked out once per list and set of readable fields.
 */
function presentRows(ctx: RequestContext, res: RecordResource, rows: Row[]): Row[] {
  if (!rows.length) return [];
  // Each field's column, by the same mapping knex applies to other queries' rows.
  const columns = Object.keys(rows[0]!);
  const fields = Object.keys(toCamelCase(rows[0]!));
  const columnOf = new Map(fields.map((field, i) => [field, columns[i]!]));
  // The columns of the ownership facts, found once per list.
  const [account, owner, support, createdBy, assignees] = ['factAccountId', 'factOwnerId', 'factSupportUserId', 'createdBy', 'factAssigneeIds'].map((field) => columnOf.get(field));
  const value = (row: Row, column: string | undefined) => (column === undefined ? undefined : row[column]);
  const output = outputFields(res);
  const copies = new Map<ReadonlySet<string>, (row: Row) => Row>();
  return rows.map((row) => {
    const facts = factsOf({ factAccountId: value(row, account), factOwnerId: value(row, owner), factSupportUserId: value(row, support), createdBy: value(row, createdBy), factAssigneeIds: value(row, assignees) });
    const readable = readableFieldSet(ctx.ability, res.subject, facts, output);
    let copy = copies.get(readable);
    if (!copy) copies.set(readable, copy = rowCopier(output.filter((f) => readable.has(f) && columnOf.has(f)).map((f) => [f, columnOf.get(f)!])));
    return copy(row);
  });
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const copiers = new Map<string, (row: Row) => Row>();

/**
 * A function that copies a row's columns into an answer's fields, dates as ISO
 * text: written once per list of fields and columns as one object literal, so
 * every answer of a list has the same shape and each column is read by its
 * name (a loop over names read and wrote each value by a computed key, 3 % of
 * the API's CPU on 50-row lists). Names are written as JSON string literals.
 */
function rowCopier(pairs: Array<[string, string]>): (row: Row) => Row {
  const key = JSON.stringify(pairs);
  let copier = copiers.get(key);
  if (!copier) {
    if (pairs.some(([field]) => field === '__proto__')) {
      copier = (row) => Object.fromEntries(pairs.map(([field, column]) => [field, iso(row[column])]));
    } else {
      const body = pairs.map(([field, column]) => `${JSON.stringify(field)}: iso(row[${JSON.stringify(column)}])`).join(', ');
      // Names from the record kind's schema and the statement's columns, quoted as JSON string literals.
      copier = new Function('iso', `return (row) => ({ ${body} });`)(iso) as (row: Row) => Row;
    }
    if (copiers.size >= 1_000) copiers.clear();
    copiers.set(key, copier);
  }
  return copier;
}
