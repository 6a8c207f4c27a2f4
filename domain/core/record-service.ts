import type { Knex } from 'knex';
import { camelCaseRow } from '../../db/knexfile';
import { compileStatement, runCompiled, StatementCache, valueMarker } from '../../db/compiled-statement';
import { canOn, readableFieldSet, scopeOf, type AppAbility, type OwnershipFacts, type Principal } from '../identity/ability';
import type { Action } from '../identity/permission-catalogue';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError, versionMatches, type ExpectedVersion } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { recordKinds } from '../modules/registry';
import { actorOf, appendHistory, diffRecords, listHistory, type HistoryEntry, type TimelineItem } from './history';
import type { RecordResource } from './record-resource';

export interface RequestContext {
  trx: Knex.Transaction;
  principal: Principal;
  ability: AppAbility;
  requestId?: string;
  /**
   * Set only in an import context (process-context.ts, importContext): where
   * the data written comes from (a file and its sheet), noted in each history
   * entry as `importedFrom`; such a context may also give a record its number.
   */
  importedFrom?: string;
  /** Set only in a process's context: the person the process acts for (who completed its latest task), credited in the history. */
  actorUserId?: string | null;
}

/** Appends to a record's timeline as this context acts: its user, its request, and the origin of imported data. */
export async function appendHistoryAs(ctx: RequestContext, entry: Omit<HistoryEntry, 'actorUserId' | 'requestId'>): Promise<void> {
  await appendHistory(ctx.trx, ctx.principal.tenantId, {
    ...entry, actorUserId: actorOf(ctx), requestId: ctx.requestId,
    changes: ctx.importedFrom ? { ...entry.changes, importedFrom: { before: null, after: ctx.importedFrom } } : entry.changes,
  });
}

type Row = Record<string, unknown>;

const FACT_COLUMNS = ['factAccountId', 'factOwnerId', 'factSupportUserId', 'factAssigneeIds'];
const HIDDEN = new Set(['tenantId', 'search', ...FACT_COLUMNS]);

/** Where the ownership facts of a record live, as SQL column references. */
function ownershipColumns(res: RecordResource): { account: string | null; owner: string | null; support: string | null; assignees?: string | null } {
  if (res.ownership) return res.ownership;
  if (res.accountLink === 'self') return { account: 't.id', owner: 't.ownerId', support: 't.supportUserId' };
  if (res.accountLink === 'accountId') return { account: 't.accountId', owner: 'a.ownerId', support: 'a.supportUserId' };
  return { account: null, owner: null, support: null };
}

/**
 * The table's columns a read selects (snake_case, in table order): every one
 * but the generated columns no output field shows (the search vectors and
 * search forms, costly to send and parse on every row and never answered).
 * Read from the catalogue once per table and process.
 */
const readColumns = new Map<string, Promise<readonly string[]>>();
export function columnsOf(trx: Knex.Transaction, res: RecordResource): Promise<readonly string[]> {
  let columns = readColumns.get(res.table);
  if (!columns) {
    const shown = new Set(Object.keys(res.outputSchema.shape));
    const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    columns = trx.raw<{ rows: Array<{ name: string; generated: boolean }> }>(
      "select attname as name, attgenerated <> '' as generated from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped order by attnum",
      [res.table],
    ).then((r) => r.rows.filter((c) => !c.generated || shown.has(camel(c.name))).map((c) => c.name));
    columns.catch(() => readColumns.delete(res.table));
    readColumns.set(res.table, columns);
  }
  return columns;
}

export function baseQuery(trx: Knex.Transaction, res: RecordResource, selected?: readonly string[]): Knex.QueryBuilder {
  const qb = trx(`${res.table} as t`).select(selected ? selected.map((c) => `t.${c}`) : 't.*');
  if (res.ownership) {
    res.ownership.joins(qb, trx);
  } else if (res.accountLink === 'accountId') {
    qb.join('accounts as a', 'a.id', 't.accountId');
  }
  const columns = ownershipColumns(res);
  const fact = (column: string | null, alias: string) => (column ? qb.select(`${column} as ${alias}`) : qb.select(trx.raw('null::uuid as ??', [alias])));
  if (res.ownership || res.accountLink) {
    fact(columns.account, 'factAccountId');
    fact(columns.owner, 'factOwnerId');
    fact(columns.support, 'factSupportUserId');
    // Only kinds that declare assigned people carry the array (ADR 0033); the others' rows stay as they were.
    if (columns.assignees) qb.select(`${columns.assignees} as factAssigneeIds`);
  }
  return qb;
}

export function factsOf(row: Row): OwnershipFacts {
  return {
    accountId: (row.factAccountId as string) ?? null,
    ownerId: (row.factOwnerId as string) ?? null,
    supportUserId: (row.factSupportUserId as string) ?? null,
    createdBy: (row.createdBy as string) ?? null,
    ...(row.factAssigneeIds ? { assigneeIds: row.factAssigneeIds as string[] } : {}),
  };
}

/** Limits a query to the rows the user may act on, from the same CASL rules as record checks. */
export function applyScope(qb: Knex.QueryBuilder, res: RecordResource, ability: AppAbility, action: Action): boolean {
  const scope = scopeOf(ability, action, res.subject);
  if (scope === null) return true;
  if (scope.length === 0) return false;
  whereScope(qb, res, scope);
  return true;
}

/** The rows matching one of the scope's conditions (each a set of ownership facts, by value). */
export function whereScope(qb: Knex.QueryBuilder, res: RecordResource, scope: ReadonlyArray<Record<string, unknown>>): void {
  const columns = ownershipColumns(res);
  const column: Record<string, string | null> = {
    accountId: columns.account,
    ownerId: columns.owner,
    supportUserId: columns.support,
    createdBy: 't.createdBy',
    assigneeIds: columns.assignees ?? null,
  };
  qb.where((outer) => {
    for (const conditions of scope) {
      outer.orWhere((inner) => {
        for (const [key, value] of Object.entries(conditions)) {
          const target = column[key];
          // A condition on a fact this kind of record does not have matches nothing.
          if (target && key === 'assigneeIds') inner.whereRaw('?::uuid = any(??)', [value as string, target]);
          else if (target) inner.where(target, value as string);
          else inner.whereRaw('false');
        }
      });
    }
  });
}

/** A kind's output fields, internal columns left out: one array per kind (readableFieldSet caches by it). */
const outputFieldsOf = new WeakMap<RecordResource, readonly string[]>();
export function outputFields(res: RecordResource): readonly string[] {
  let fields = outputFieldsOf.get(res);
  if (!fields) outputFieldsOf.set(res, fields = Object.keys(res.outputSchema.shape).filter((key) => !HIDDEN.has(key)));
  return fields;
}

/** The record as the user may see it: internal columns dropped, unreadable fields left out. */
export function present(ctx: RequestContext, res: RecordResource, row: Row): Row {
  const fields = outputFields(res);
  const readable = readableFieldSet(ctx.ability, res.subject, factsOf(row), fields);
  const clean: Row = {};
  for (const key of fields) {
    if (!readable.has(key) || !(key in row)) continue;
    const value = row[key];
    clean[key] = value instanceof Date ? value.toISOString() : value;
  }
  return clean;
}

/** How people name a kind of record (its module's label), for messages: `{ fr: 'compte', en: 'account', frPlural, enPlural }`. */
function kindName(res: RecordResource): { fr: string; en: string; frPlural: string; enPlural: string } {
  const kind = recordKinds().find((k) => k.resource.key === res.key);
  return kind?.label ?? { fr: res.recordType, en: res.recordType, frPlural: res.recordType, enPlural: res.recordType };
}

function notFound(res: RecordResource): NotFoundError {
  const { fr, en } = kindName(res);
  return new NotFoundError({ fr, en });
}

export function forbiddenKind(res: RecordResource): ForbiddenError {
  const name = kindName(res);
  return new ForbiddenError(coreMessage('record.forbidden-kind', { fr: name.frPlural, en: name.enPlural, permission: `${res.key}.read` }));
}

function can(ctx: RequestContext, res: RecordResource, action: Action): boolean {
  return ctx.ability.can(action, res.subject);
}

/** A kind's record reads (with and without a lock), compiled once (db/compiled-statement.ts, ADR 0032). */
const compiledReads = new WeakMap<RecordResource, StatementCache>();

/** One record by id, with its ownership facts; prepared (db/pg-client.ts): planned once per connection. */
async function readRecord(trx: Knex.Transaction, res: RecordResource, id: string, lock: boolean): Promise<Row | undefined> {
  const columns = await columnsOf(trx, res);
  const build = (value: string) => {
    const qb = baseQuery(trx, res, columns).where('t.id', value).first();
    // Only the record itself: joined rows (its client, a display name) may be on the nullable side of an outer join.
    if (lock) qb.forUpdate('t');
    return qb;
  };
  let cache = compiledReads.get(res);
  if (!cache) compiledReads.set(res, cache = new StatementCache(4));
  const statement = cache.get(lock ? 'for update' : 'read', () => compileStatement(build(valueMarker(0)), 1, false));
  if (!statement) return (await build(id).options({ prepare: true })) as Row | undefined;
  const [row] = await runCompiled(trx, statement, [id]);
  return row && camelCaseRow(row);
}

/**
 * Loads one record for an action. Another tenant's record is invisible
 * (row-level security) and answers 404; a record of this tenant outside the
 * user's read scope also answers 404, so its existence is not revealed.
 */
export async function loadFor(ctx: RequestContext, res: RecordResource, id: string, action: Action, lock = false): Promise<Row> {
  if (!isUuid(id)) throw notFound(res);
  const row = await readRecord(ctx.trx, res, id, lock);
  if (!row) throw notFound(res);
  if (!can(ctx, res, 'read')) throw forbiddenKind(res);
  const facts = factsOf(row);
  if (!canOn(ctx.ability, 'read', res.subject, facts)) throw notFound(res);
  if (action !== 'read' && !canOn(ctx.ability, action, res.subject, facts)) {
    const { fr, en } = kindName(res);
    throw new ForbiddenError(coreMessage('record.forbidden-action', { fr, en, action, permission: `${res.key}.${action}` }));
  }
  return row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function getRecord(ctx: RequestContext, res: RecordResource, id: string): Promise<Row> {
  return present(ctx, res, await loadFor(ctx, res, id, 'read'));
}

/** Checks that the parent account exists for this user, and that they may create under it. */
async function checkParentAccount(ctx: RequestContext, res: RecordResource, accountId: string): Promise<void> {
  const account = (await ctx.trx('accounts').where('id', accountId).first('id', 'ownerId', 'supportUserId')) as Row | undefined;
  const facts: OwnershipFacts = account
    ? { accountId: account.id as string, ownerId: account.ownerId as string, supportUserId: account.supportUserId as string }
    : { accountId: null, ownerId: null, supportUserId: null };
  if (!account || !canOn(ctx.ability, 'read', 'Account', facts)) {
    throw new ValidationError([{ field: 'accountId', message: coreMessage('field.no-such-account') }]);
  }
  if (!canOn(ctx.ability, 'create', res.subject, facts)) {
    const { fr, en } = kindName(res);
    throw new ForbiddenError(coreMessage('record.forbidden-create-under-account', { fr, en, permission: `${res.key}.create` }));
  }
}

/**
 * Creates a record. `options.id` gives its id, derived from an idempotency
 * key (a process's service task): creating it again answers the record
 * already created, and changes nothing. `options.number` keeps a number the
 * data already has (a legacy contract number), for kinds whose prepareCreate
 * numbers records; only an import context may give one, never a request body.
 */
export async function createRecord(ctx: RequestContext, res: RecordResource, input: Record<string, unknown>, options: { id?: string; number?: number } = {}): Promise<Row> {
  const { fr, en } = kindName(res);
  if (!can(ctx, res, 'create')) throw new ForbiddenError(coreMessage('record.forbidden-create', { fr, en, permission: `${res.key}.create` }));
  if (options.number !== undefined && !ctx.importedFrom) {
    throw new ForbiddenError(coreMessage('record.number-import-only', { fr, en }));
  }
  if (options.id) {
    const existing = (await baseQuery(ctx.trx, res).where('t.id', options.id).first()) as Row | undefined;
    if (existing) return present(ctx, res, existing);
  }
  let data = { ...input };
  if (res.accountLink === 'accountId') await checkParentAccount(ctx, res, data.accountId as string);
  const ownScopedOnly = scopeOf(ctx.ability, 'create', res.subject) !== null;
  if (res.prepareCreate) data = await res.prepareCreate({ trx: ctx.trx, principal: ctx.principal, ownScopedOnly, number: options.number }, data);
  const [inserted] = await ctx.trx(res.table)
    .insert({ ...data, ...(options.id ? { id: options.id } : {}), tenantId: ctx.principal.tenantId, createdBy: ctx.principal.userId })
    .returning('id');
  const row = (await baseQuery(ctx.trx, res).where('t.id', inserted.id).first()) as Row;
  if (!canOn(ctx.ability, 'create', res.subject, factsOf(row))) {
    throw new ForbiddenError(coreMessage('record.create-as-owner', { fr, en }));
  }
  await appendHistoryAs(ctx, { recordType: res.recordType, recordId: row.id as string, action: 'create', changes: diffRecords(null, present(ctx, res, row)) });
  return present(ctx, res, row);
}

export async function updateRecord(ctx: RequestContext, res: RecordResource, id: string, expectedVersion: ExpectedVersion, input: Record<string, unknown>): Promise<Row> {
  const current = await loadFor(ctx, res, id, 'update', true);
  if (!versionMatches(expectedVersion, current.version)) throw new StaleVersionError(present(ctx, res, current));
  let patch = { ...input };
  if (res.prepareUpdate) patch = await res.prepareUpdate({ trx: ctx.trx, principal: ctx.principal, current }, patch);
  // Fields the user may not read may not be written either: the record's fields they sent (values
  // the kind's hook derives, such as a time entry's internal cost, are the server's).
  const readable = new Set(Object.keys(present(ctx, res, { ...current, ...patch })));
  const output = outputFields(res);
  const hidden = Object.keys(input).filter((k) => output.includes(k) && !readable.has(k));
  if (hidden.length) throw new ForbiddenError(coreMessage('record.hidden-fields', { fields: hidden }));
  await ctx.trx(res.table).where({ id }).update({ ...patch, version: Number(current.version) + 1 });
  const after = (await baseQuery(ctx.trx, res).where('t.id', id).first()) as Row;
  if (!canOn(ctx.ability, 'update', res.subject, factsOf(after))) {
    const { fr, en } = kindName(res);
    throw new ForbiddenError(coreMessage('record.moved-out-of-scope', { fr, en }));
  }
  const changes = diffRecords(present(ctx, res, current), present(ctx, res, after));
  if (Object.keys(changes).length) {
    await appendHistoryAs(ctx, { recordType: res.recordType, recordId: id, action: 'update', changes });
  }
  return present(ctx, res, after);
}

export async function deleteRecord(ctx: RequestContext, res: RecordResource, id: string, expectedVersion?: ExpectedVersion): Promise<void> {
  const current = await loadFor(ctx, res, id, 'delete', true);
  if (!versionMatches(expectedVersion, current.version)) throw new StaleVersionError(present(ctx, res, current));
  await res.prepareDelete?.({ trx: ctx.trx, principal: ctx.principal, current });
  await ctx.trx(res.table).where({ id }).delete();
  await appendHistoryAs(ctx, { recordType: res.recordType, recordId: id, action: 'delete', changes: diffRecords(present(ctx, res, current), null) });
}

/** The record's timeline, with changes to fields the user may not read left out. */
export async function recordHistory(ctx: RequestContext, res: RecordResource, id: string): Promise<TimelineItem[]> {
  const row = await loadFor(ctx, res, id, 'read');
  const readable = new Set(Object.keys(present(ctx, res, row)));
  // Changes to the record's own fields that the user may not read are left out; other entries
  // (an uploaded document, an assignment) are not fields of the record and stay.
  const hidden = new Set(Object.keys(res.outputSchema.shape).filter((f) => !readable.has(f)));
  const items = await listHistory(ctx.trx, res.recordType, id);
  return items.map((item) => ({
    ...item,
    changes: Object.fromEntries(Object.entries(item.changes).filter(([field]) => !hidden.has(field))),
  }));
}

/** The rows of a kind the user may read, or null when they may read none. */
export function readableQuery(ctx: RequestContext, res: RecordResource): Knex.QueryBuilder | null {
  if (!can(ctx, res, 'read')) return null;
  const qb = baseQuery(ctx.trx, res);
  return applyScope(qb, res, ctx.ability, 'read') ? qb : null;
}
