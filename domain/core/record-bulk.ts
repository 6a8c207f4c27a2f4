import type { RecordResource } from './record-resource';
import { applyScope, baseQuery, getRecord, updateRecord, type RequestContext } from './record-service';
import { listRecords } from './record-list';
import { DomainError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import type { Text } from '../i18n/messages';
import { bulkMessage } from './bulk.messages';

type Row = Record<string, unknown>;

/** The most records one bulk action touches (a filter selecting more is refused: narrow it). */
export const MAX_BULK = 1000;

/** Which records: listed ids, or every record a list search and its filters match (across pages). */
export type BulkTarget = { ids: string[] } | { filter: { q?: string; filters: Record<string, string> } };

export interface BulkItemResult {
  id: string;
  /** Number and name, as the person knows the record. */
  label: string;
  ok: boolean;
  /** Why it was refused (in the reader's language when answered). */
  message?: Text;
  /** The record after the change. */
  record?: Row;
}

export interface BulkReport {
  total: number;
  ok: number;
  refused: number;
  items: BulkItemResult[];
}

/**
 * The ids a target names: a filter is read as the caller's list would show it, page after page (the durable
 * bulk, bulk-runs.ts, reads « tout ce que ce filtre désigne » with it too, with its own maximum).
 */
export async function targetIds(ctx: RequestContext, res: RecordResource, target: BulkTarget, max = MAX_BULK): Promise<string[]> {
  if ('ids' in target) return [...new Set(target.ids)];
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(ctx, res, { limit: 1000, cursor, filters: target.filter.filters, q: target.filter.q });
    ids.push(...page.items.map((r) => r.id as string));
    if (ids.length > max) throw new ValidationError([{ field: 'filter', message: bulkMessage('bulk.too-many', { count: ids.length, max }) }]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** Of `ids`, those the caller may `action` (the same CASL rules as a record check), read in one query per 5,000. */
export async function actionableIds(ctx: RequestContext, res: RecordResource, ids: readonly string[], action: 'read' | 'update'): Promise<Set<string>> {
  const found = new Set<string>();
  if (!ctx.ability.can(action, res.subject)) return found;
  for (let i = 0; i < ids.length; i += 5000) {
    const qb = baseQuery(ctx.trx, res, ['id']);
    if (!applyScope(qb, res, ctx.ability, action)) return found;
    for (const row of (await qb.whereIn('t.id', ids.slice(i, i + 5000))) as Row[]) found.add(row.id as string);
  }
  return found;
}

/**
 * Why one record was refused: a business error, or a value the database refused (its constraint); anything else is a fault.
 * The durable bulk (bulk-runs.ts) reports its items' refusals with it too.
 */
export function refusalOf(error: unknown): Text | undefined {
  if (error instanceof DomainError) return error.detail;
  const code = (error as { code?: string }).code;
  if (code === '23505') return coreMessage('error.duplicate');
  if (code === '23503') return coreMessage('error.reference');
  if (code === '23P01') return coreMessage('error.overlap');
  if (code === '23514' || code === '22P02' || code === '22001' || code === '22007' || code === '22008') return coreMessage('error.value-out-of-range');
  return undefined;
}

export function labelOf(row: Row | undefined, id: string): string {
  if (!row) return id;
  const name = row.name ?? row.fullName ?? row.title ?? row.displayName;
  return [row.number, name].filter((v) => v !== null && v !== undefined && v !== '').join(' · ') || id;
}

/**
 * Sets one field (among those the kind declares in `bulkFields`) to one value on many records.
 * Each record goes through updateRecord with the version it has now, in its own savepoint, under
 * the caller's permissions: one refused record (not allowed, a business rule, not found) is
 * reported with its reason and leaves the others done. `afterEach` runs the kind's own reaction
 * to an update (its hooks), inside the record's savepoint.
 */
export async function bulkUpdate<After>(
  ctx: RequestContext,
  res: RecordResource,
  target: BulkTarget,
  patch: Row,
  afterEach?: (ctx: RequestContext, patch: Row, record: Row) => Promise<After>,
): Promise<{ report: BulkReport; after: After[] }> {
  const allowed = res.bulkFields ?? [];
  const fields = Object.keys(patch);
  if (fields.length !== 1) throw new ValidationError([{ field: 'set', message: bulkMessage('bulk.one-field') }]);
  if (!allowed.includes(fields[0]!)) throw new ValidationError([{ field: `set.${fields[0]}`, message: bulkMessage('bulk.field-not-allowed', { fields: allowed }) }]);

  const ids = await targetIds(ctx, res, target);
  const items: BulkItemResult[] = [];
  const after: After[] = [];
  for (const id of ids) {
    try {
      const done = await ctx.trx.transaction(async (trx) => {
        const itemCtx = { ...ctx, trx };
        // No If-Match: the version checked is the one the record has now (updateRecord locks and compares it).
        const current = (await trx(res.table).where({ id }).first('version')) as Row | undefined;
        const updated = await updateRecord(itemCtx, res, id, (current?.version as number | undefined) ?? 0, patch);
        const reaction = afterEach ? await afterEach(itemCtx, patch, updated) : undefined;
        return { updated, reaction };
      });
      if (done.reaction !== undefined) after.push(done.reaction);
      items.push({ id, label: labelOf(done.updated, id), ok: true, record: done.updated });
    } catch (error) {
      const reason = refusalOf(error);
      if (!reason) throw error;
      // Named only when the caller may read it (a refusal must not reveal a record they cannot see).
      const known = await getRecord(ctx, res, id).catch(() => undefined);
      items.push({ id, label: labelOf(known, id), ok: false, message: reason });
    }
  }
  const ok = items.filter((i) => i.ok).length;
  return { report: { total: items.length, ok, refused: items.length - ok, items }, after };
}
