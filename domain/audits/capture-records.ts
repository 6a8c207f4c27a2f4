import type { Knex } from 'knex';
import { appendHistoryAs, type RequestContext } from '../core/record-service';
import { isUuid } from '../core/record-service';
import { ConflictError, NotFoundError, StaleVersionError, versionMatches, type ExpectedVersion, type Names } from '../errors';
import { captureCipher, type CaptureCipher } from './capture-cipher';
import { checkMissionSite, checkReferences, missionForCapture } from './capture-access';
import type { CaptureKind } from './capture.schema';
import { captureMessage as m } from './capture.messages';
import { noteLibraryUse } from './finding-library';

/**
 * The one write path of the inventory, the observations and the findings (ADR 0035): create
 * (idempotent on the client's id), change (If-Match), delete, list (masked) and read (in clear).
 * Each kind says which fields are stored as they are, which are sealed under the tenant's key (in
 * `<field>_sealed`, masked in lists), and what it derives (a finding's severity).
 */
export type Row = Record<string, unknown>;

export interface CaptureKindSpec {
  kind: CaptureKind;
  /** The table, as knex names it (camelCase) and as SQL does (bound into each sealed value's context). */
  table: string;
  sqlTable: string;
  recordType: string;
  names: Names;
  /** Fields stored in clear, one column each. */
  plain: readonly string[];
  /** Fields sealed under the tenant's key (column `<field>Sealed`), with their list mask. */
  sealed: Readonly<Record<string, (value: string | null) => string | null>>;
  /** Columns derived from the input (a finding's rating → its severity); `current` on a change. */
  derive?: (input: Row, current?: Row) => Row;
  /** Extra answer fields read from a row's derived columns. */
  presentExtra?: (row: Row) => Row;
}

const META = ['id', 'missionId', 'version', 'createdBy', 'createdAt', 'updatedAt'] as const;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const columnOf = (field: string) => `${field}Sealed`;
const contextOf = (spec: CaptureKindSpec, field: string, id: string) => `${spec.sqlTable}/${field}/${id}`;
const HIDDEN = '••••••';

/** A row as the API answers it: sealed fields opened, then masked when `masked` (lists). */
export function presentCaptured(spec: CaptureKindSpec, cipher: CaptureCipher, row: Row, masked: boolean): Row {
  const out: Row = Object.fromEntries(META.map((c) => [c, iso(row[c]) ?? null]));
  for (const field of spec.plain) out[field] = row[field] ?? null;
  for (const [field, mask] of Object.entries(spec.sealed)) {
    const clear = cipher.open(row[columnOf(field)] as string | null, contextOf(spec, field, String(row.id)));
    out[field] = masked ? mask(clear) : clear;
  }
  Object.assign(out, spec.presentExtra?.(row) ?? {});
  out.masked = masked;
  return out;
}

function sealedColumns(spec: CaptureKindSpec, cipher: CaptureCipher, id: string, input: Row): Row {
  const columns: Row = {};
  for (const field of Object.keys(spec.sealed)) {
    if (field in input) columns[columnOf(field)] = cipher.seal(input[field] as string | null, contextOf(spec, field, id));
  }
  return columns;
}

const plainColumns = (spec: CaptureKindSpec, input: Row): Row => Object.fromEntries(spec.plain.filter((f) => f in input && f !== 'id').map((f) => [f, input[f] ?? null]));

async function loadItem(trx: Knex.Transaction, spec: CaptureKindSpec, missionId: string, itemId: string, lock = false): Promise<Row> {
  const query = isUuid(itemId) ? trx(spec.table).where({ missionId, id: itemId }).first() : undefined;
  const row = query ? await (lock ? query.forUpdate() : query) as Row | undefined : undefined;
  if (!row) throw new NotFoundError(spec.names);
  return row;
}

export async function listCaptured(ctx: RequestContext, spec: CaptureKindSpec, missionId: string): Promise<Row[]> {
  await missionForCapture(ctx, missionId, 'read');
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  const rows = await ctx.trx(spec.table).where({ missionId }).orderBy([{ column: 'createdAt' }, { column: 'id' }]) as Row[];
  return rows.map((row) => presentCaptured(spec, cipher, row, true));
}

export async function readCaptured(ctx: RequestContext, spec: CaptureKindSpec, missionId: string, itemId: string): Promise<Row> {
  await missionForCapture(ctx, missionId, 'read');
  const row = await loadItem(ctx.trx, spec, missionId, itemId);
  return presentCaptured(spec, await captureCipher(ctx.trx, ctx.principal.tenantId), row, false);
}

/**
 * Writes a captured item under the id its client generated. The same id again with the same content
 * (a retry whose answer was lost) answers the row as it is now, `created: false`; the same id with
 * other content is refused (409), never overwritten.
 */
export async function createCaptured(ctx: RequestContext, spec: CaptureKindSpec, missionId: string, input: Row & { id: string; siteId?: string | null }, mode: 'write' | 'demo' = 'write'): Promise<{ created: boolean; item: Row }> {
  // The demo (capture-demo.ts) also fills missions already delivered, as they were when captured.
  await missionForCapture(ctx, missionId, mode === 'demo' ? 'read' : 'write');
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  const digest = cipher.digest({ kind: spec.kind, missionId, input });
  const again = async (): Promise<{ created: boolean; item: Row } | undefined> => {
    const existing = await ctx.trx(spec.table).where({ id: input.id }).first() as Row | undefined;
    if (!existing) return undefined;
    if (existing.missionId !== missionId || existing.createDigest !== digest) throw new ConflictError(m('audits.capture.id-taken', { what: spec.kind }));
    return { created: false, item: presentCaptured(spec, cipher, existing, false) };
  };
  const previous = await again();
  if (previous) return previous;
  await checkMissionSite(ctx.trx, missionId, input.siteId);
  await checkReferences(ctx.trx, missionId, { libraryFindingId: input.libraryFindingId, checkId: input.checkId });
  const [row] = await ctx.trx(spec.table).insert({
    tenantId: ctx.principal.tenantId, id: input.id, missionId, createDigest: digest, createdBy: ctx.principal.userId,
    ...plainColumns(spec, input), ...sealedColumns(spec, cipher, input.id, input), ...(spec.derive?.(input) ?? {}),
  }).onConflict(['tenantId', 'id']).ignore().returning('*') as Row[];
  // Two retries racing: the second finds the first's row.
  if (!row) return (await again())!;
  await appendHistoryAs(ctx, { recordType: spec.recordType, recordId: input.id, action: 'create', changes: historyOf(spec, {}, input) });
  // A finding inserted from the library counts as one use of it (once: a replay answers above). The demo's do not.
  if (mode === 'write' && typeof input.libraryFindingId === 'string') await noteLibraryUse(ctx, input.libraryFindingId);
  return { created: true, item: presentCaptured(spec, cipher, row, false) };
}

/** What a change says in the item's history: clear fields as they are, sealed ones only that they changed. */
function historyOf(spec: CaptureKindSpec, before: Row, after: Row): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    if (field === 'id' || value === undefined) continue;
    if (field in spec.sealed) changes[field] = { before: before[field] == null ? null : HIDDEN, after: value === null ? null : HIDDEN };
    else changes[field] = { before: before[field] ?? null, after: value };
  }
  return changes;
}

/** Changes an item at the version its client read; a stale version answers 412 with the item as it is now (in clear). */
export async function updateCaptured(ctx: RequestContext, spec: CaptureKindSpec, missionId: string, itemId: string, expected: ExpectedVersion, input: Row): Promise<Row> {
  await missionForCapture(ctx, missionId, 'write');
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  const current = await loadItem(ctx.trx, spec, missionId, itemId, true);
  const before = presentCaptured(spec, cipher, current, false);
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(before);
  if ('siteId' in input && input.siteId !== before.siteId) await checkMissionSite(ctx.trx, missionId, input.siteId as string | null);
  await checkReferences(ctx.trx, missionId, { libraryFindingId: input.libraryFindingId !== before.libraryFindingId ? input.libraryFindingId : undefined, checkId: input.checkId !== before.checkId ? input.checkId : undefined });
  const changed = Object.fromEntries(Object.entries(input).filter(([field, value]) => value !== undefined && (field === 'rating' || JSON.stringify(value) !== JSON.stringify(before[field] ?? null))));
  const derived = spec.derive && 'rating' in changed ? spec.derive(changed, current) : {};
  const changedDerived = Object.fromEntries(Object.entries(derived).filter(([column, value]) => String(value ?? '') !== String(current[column] ?? '')));
  if (!Object.keys(changed).filter((f) => f !== 'rating').length && !Object.keys(changedDerived).length) return before;
  const [row] = await ctx.trx(spec.table).where({ missionId, id: itemId }).update({
    ...plainColumns(spec, changed), ...sealedColumns(spec, cipher, itemId, changed), ...changedDerived, version: ctx.trx.raw('version + 1'),
  }).returning('*') as Row[];
  const after = presentCaptured(spec, cipher, row!, false);
  const { rating: _rating, ...fields } = changed;
  await appendHistoryAs(ctx, { recordType: spec.recordType, recordId: itemId, action: 'update', changes: historyOf(spec, before, { ...fields, ...(spec.presentExtra ? Object.fromEntries(Object.keys(changedDerived).map((c) => [c, after[c]])) : {}) }) });
  return after;
}

/** Deletes an item (If-Match optional, as the platform's records); a second delete answers 404, as theirs. */
export async function deleteCaptured(ctx: RequestContext, spec: CaptureKindSpec, missionId: string, itemId: string, expected?: ExpectedVersion): Promise<void> {
  await missionForCapture(ctx, missionId, 'write');
  const current = await loadItem(ctx.trx, spec, missionId, itemId, true);
  if (!versionMatches(expected, current.version)) {
    throw new StaleVersionError(presentCaptured(spec, await captureCipher(ctx.trx, ctx.principal.tenantId), current, false));
  }
  await ctx.trx(spec.table).where({ missionId, id: itemId }).delete();
  await appendHistoryAs(ctx, { recordType: spec.recordType, recordId: itemId, action: 'delete', changes: {} });
}
