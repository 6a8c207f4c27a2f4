import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { renderText, type Text } from '../i18n/messages';
import { vendorRefusalOf, type BulkActionDefinition, type BulkItemMeta, type BulkItemNote, type VendorReason } from './bulk-action';
import { bulkMessage } from './bulk.messages';
import type { RequestContext } from './record-service';
import { refusalOf } from './record-bulk';

/** The most records one durable bulk run takes (spec 002 §5.4 asks for 10,000 lines). */
export const MAX_RUN_ITEMS = 20_000;

export const BULK_OUTCOMES = ['pending', 'done', 'refused', 'failed', 'cancelled'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];
export type BulkRunStatus = 'running' | 'cancelling' | 'cancelled' | 'completed';

type Row = Record<string, unknown>;

export interface BulkRunSummary {
  id: string;
  action: string;
  status: BulkRunStatus;
  total: number;
  done: number;
  refused: number;
  failed: number;
  cancelled: number;
  workflowId: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface BulkRunItem {
  position: number;
  itemId: string;
  outcome: BulkOutcome;
  /** Why it was refused or failed, in the reader's language. */
  reason: string | null;
}

/** The workflow of a run's attempt: the first run, then each « relancer les échecs ». */
export function bulkWorkflowId(tenantId: string, runId: string, attempt: number): string {
  return `${tenantId}/bulk/${runId}${attempt > 1 ? `/${attempt}` : ''}`;
}

const SUMMARY = ['id', 'action', 'status', 'total', 'done', 'refused', 'failed', 'cancelled', 'workflowId', 'createdAt', 'finishedAt'];

function summaryOf(row: Row): BulkRunSummary {
  const at = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null) ?? null);
  const picked = Object.fromEntries(SUMMARY.map((k) => [k, row[k]])) as unknown as BulkRunSummary;
  return { ...picked, createdAt: at(row.createdAt)!, finishedAt: at(row.finishedAt) };
}

/** A reason as stored: its French and English texts (the report answers the reader's). */
const both = (text: Text) => JSON.stringify({ fr: renderText(text, 'fr'), en: renderText(text, 'en') });

/** Whether the caller may start the action: its permission at any scope (the items are those they may see). */
export function mayStart(ctx: RequestContext, action: BulkActionDefinition): boolean {
  return ctx.principal.grants.some((g) => g.permission === action.permission);
}

/**
 * Records a run of `action` on `itemIds` (deduplicated, in the order given) with its parameters, every item
 * pending, except those not in `actionable` (the records the caller may act on): refused at once, « introuvable
 * ou hors de votre périmètre » (the items run with the action's permissions on the whole organisation, so the
 * caller's scope is applied here). Nothing runs yet: the caller starts the `bulkRun` workflow on the id
 * answered. Refused (nothing written) when the caller may not start it, nothing is selected or too much is.
 */
export async function createBulkRun(ctx: RequestContext, action: BulkActionDefinition, itemIds: readonly string[], params: unknown, actionable?: ReadonlySet<string>): Promise<BulkRunSummary> {
  if (!mayStart(ctx, action)) throw new ForbiddenError(bulkMessage('bulk.forbidden'));
  const ids = [...new Set(itemIds)];
  if (!ids.length) throw new ValidationError([{ field: 'lineIds', message: bulkMessage('bulk.empty') }]);
  if (ids.length > MAX_RUN_ITEMS) throw new ValidationError([{ field: 'lineIds', message: bulkMessage('bulk.run-too-many', { count: ids.length, max: MAX_RUN_ITEMS }) }]);
  const tenantId = ctx.principal.tenantId;
  const id = crypto.randomUUID();
  const outside = actionable ? ids.filter((i) => !actionable.has(i)).length : 0;
  const [run] = await ctx.trx('bulkRuns').insert({
    id, tenantId, action: action.key, params: JSON.stringify(params ?? {}), total: ids.length, refused: outside,
    workflowId: bulkWorkflowId(tenantId, id, 1), createdBy: ctx.principal.userId ?? null,
  }).returning(SUMMARY);
  const notFound = both(bulkMessage('bulk.item-not-found'));
  // One statement per 2,000 items (PostgreSQL's 65,535 bindings), positions from 1.
  for (let i = 0; i < ids.length; i += 2000) {
    await ctx.trx('bulkRunItems').insert(ids.slice(i, i + 2000).map((itemId, k) => (
      !actionable || actionable.has(itemId)
        ? { tenantId, runId: id, position: i + k + 1, itemId }
        : { tenantId, runId: id, position: i + k + 1, itemId, outcome: 'refused', reason: notFound })));
  }
  return summaryOf(run);
}

async function runOf(ctx: RequestContext, runId: string, lock = false): Promise<Row> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) throw new NotFoundError(bulkMessage('bulk.run-not-found'));
  const query = ctx.trx('bulkRuns').where({ id: runId }).first();
  const run = (await (lock ? query.forUpdate() : query)) as Row | undefined;
  if (!run) throw new NotFoundError(bulkMessage('bulk.run-not-found'));
  return run;
}

/** The action a run runs (its key), or 404 when there is no such run in the organisation. */
export async function bulkRunAction(ctx: RequestContext, runId: string): Promise<string> {
  return (await runOf(ctx, runId)).action as string;
}

/** A run as its progress bar and report read it: counters, and a page of items (one outcome or all) after a position. */
export async function bulkRunReport(ctx: RequestContext, runId: string, page: { outcome?: BulkOutcome; after: number; limit: number }, locale: 'fr' | 'en'): Promise<BulkRunSummary & { params: unknown; items: BulkRunItem[]; nextAfter: number | null }> {
  const run = await runOf(ctx, runId);
  const rows = (await ctx.trx('bulkRunItems').where({ runId }).where('position', '>', page.after)
    .modify((q) => { if (page.outcome) q.where({ outcome: page.outcome }); })
    .orderBy('position').limit(page.limit + 1).select('position', 'itemId', 'outcome', 'reason')) as Row[];
  const items = rows.slice(0, page.limit).map((r) => ({
    position: r.position as number, itemId: r.itemId as string, outcome: r.outcome as BulkOutcome,
    reason: r.reason ? (r.reason as Record<string, string>)[locale] ?? null : null,
  }));
  return { ...summaryOf(run), params: run.params, items, nextAfter: rows.length > page.limit ? items[items.length - 1]!.position : null };
}

/** The runs of one action's module, newest first (the lines page shows the latest ones). */
export async function recentBulkRuns(ctx: RequestContext, actionPrefix: string, limit = 20): Promise<BulkRunSummary[]> {
  const rows = (await ctx.trx('bulkRuns').where('action', 'like', `${actionPrefix}.%`).orderBy('createdAt', 'desc').limit(limit).select(SUMMARY)) as Row[];
  return rows.map(summaryOf);
}

/** Asks a running run to stop: the item being applied ends, the others stay as they are and are reported cancelled. */
export async function cancelBulkRun(ctx: RequestContext, runId: string): Promise<BulkRunSummary> {
  const run = await runOf(ctx, runId, true);
  if (run.status === 'cancelled' || run.status === 'completed') throw new ConflictError(bulkMessage('bulk.run-finished'));
  const [updated] = await ctx.trx('bulkRuns').where({ id: runId }).update({ status: 'cancelling', updatedAt: ctx.trx.fn.now() }).returning(SUMMARY);
  return summaryOf(updated);
}

/**
 * « Relancer les échecs »: the items that failed (and those a cancel left) are pending again and the run
 * running again, as its next attempt (a new workflow id); the items already done or refused are not touched.
 */
export async function retryBulkRun(ctx: RequestContext, action: BulkActionDefinition, runId: string): Promise<BulkRunSummary & { attempt: number }> {
  if (!mayStart(ctx, action)) throw new ForbiddenError(bulkMessage('bulk.forbidden'));
  const run = await runOf(ctx, runId, true);
  if (run.status === 'running' || run.status === 'cancelling') throw new ConflictError(bulkMessage('bulk.run-still-running'));
  const again = await ctx.trx('bulkRunItems').where({ runId }).whereIn('outcome', ['failed', 'cancelled']).update({ outcome: 'pending', reason: null, attempts: 0, updatedAt: ctx.trx.fn.now() });
  if (!again) throw new ConflictError(bulkMessage('bulk.nothing-to-retry'));
  const attempt = (run.attempt as number) + 1;
  const [updated] = await ctx.trx('bulkRuns').where({ id: runId }).update({
    status: 'running', failed: 0, cancelled: 0, attempt, workflowId: bulkWorkflowId(ctx.principal.tenantId, runId, attempt), finishedAt: null, updatedAt: ctx.trx.fn.now(),
  }).returning(SUMMARY);
  return { ...summaryOf(updated), attempt };
}

/** What the worker reads of a run before applying its items. */
export async function runForWorker(ctx: RequestContext, runId: string): Promise<{ action: string; params: unknown; createdBy: string | null; status: BulkRunStatus; attempt: number } | undefined> {
  return ctx.trx('bulkRuns').where({ id: runId }).first('action', 'params', 'createdBy', 'status', 'attempt');
}

/** The next pending items after a position, in order. */
export async function pendingItems(ctx: RequestContext, runId: string, after: number, limit: number): Promise<Array<{ position: number; itemId: string }>> {
  return ctx.trx('bulkRunItems').where({ runId, outcome: 'pending' }).where('position', '>', after).orderBy('position').limit(limit).select('position', 'itemId');
}

const isVendorReason = (reason: Text | VendorReason): reason is VendorReason => typeof reason === 'object' && 'fr' in reason && 'en' in reason && !('render' in reason);

async function settle(ctx: RequestContext, runId: string, position: number, outcome: Exclude<BulkOutcome, 'pending'>, reason: Text | VendorReason | null, refs?: Record<string, string>): Promise<void> {
  const texts = reason === null ? null : isVendorReason(reason) ? { fr: reason.fr, en: reason.en } : { fr: renderText(reason, 'fr'), en: renderText(reason, 'en') };
  const stored = texts === null ? null : JSON.stringify({ ...(refs ?? {}), ...texts });
  await ctx.trx('bulkRunItems').where({ runId, position }).update({ outcome, reason: stored, updatedAt: ctx.trx.fn.now() });
}

export type ItemResult = 'done' | 'refused' | 'skipped';

/** What an item's action is told beyond its record: the same key on every attempt of the item. */
export const itemMeta = (runId: string, position: number): BulkItemMeta => ({ runId, idempotencyKey: `bulk/${runId}/${position}` });
export type RunCounts = Partial<Record<'done' | 'refused' | 'failed', number>>;

/** Whether the run still runs (not asked to stop), read without a lock: a cancel is never kept waiting. */
export async function runStillRunning(ctx: RequestContext, runId: string): Promise<boolean> {
  const run = (await ctx.trx('bulkRuns').where({ id: runId }).first('status')) as { status: BulkRunStatus } | undefined;
  return run?.status === 'running';
}

/**
 * Applies one pending item in a savepoint of the caller's transaction, which also records its outcome
 * (the action's write and the outcome commit together, so a replay finds it settled and skips it). A
 * refusal of the module (a DomainError, a value the database refuses) settles it refused with its reason;
 * any other error is thrown with the savepoint rolled back, nothing written (the worker retries it).
 */
export async function applyBulkItem(ctx: RequestContext, action: BulkActionDefinition, runId: string, position: number, params: unknown): Promise<ItemResult> {
  const item = (await ctx.trx('bulkRunItems').where({ runId, position }).forUpdate().first('itemId', 'outcome')) as { itemId: string; outcome: BulkOutcome } | undefined;
  if (!item || item.outcome !== 'pending') return 'skipped';
  let note: BulkItemNote | void;
  try {
    if (!action.apply) throw new Error(`Bulk action "${action.key}" asks a vendor: its items go through prepareVendorItem.`);
    const apply = action.apply;
    note = await ctx.trx.transaction((trx) => apply({ ...ctx, trx }, item.itemId, params, itemMeta(runId, position)));
  } catch (error) {
    const reason = refusalOf(error);
    if (!reason) throw error;
    await settle(ctx, runId, position, 'refused', reason);
    return 'refused';
  }
  await settle(ctx, runId, position, 'done', note ? note.note : null, note ? note.refs : undefined);
  return 'done';
}

/** Adds a chunk's outcomes to the run's counters, once, in the chunk's transaction. */
export async function countOutcomes(ctx: RequestContext, runId: string, counts: RunCounts): Promise<void> {
  const entries = Object.entries(counts).filter(([, n]) => n);
  if (!entries.length) return;
  await ctx.trx('bulkRuns').where({ id: runId }).update({
    ...Object.fromEntries(entries.map(([outcome, n]) => [outcome, ctx.trx.raw('?? + ?', [outcome, n])])), updatedAt: ctx.trx.fn.now(),
  });
}

/** An item whose retries ran out: failed, with the number of attempts (never the technical message: it may name a person). */
export async function failBulkItem(ctx: RequestContext, runId: string, position: number, attempts: number): Promise<void> {
  const item = await ctx.trx('bulkRunItems').where({ runId, position }).forUpdate().first('outcome');
  if (item?.outcome !== 'pending') return;
  await ctx.trx('bulkRunItems').where({ runId, position }).update({ attempts });
  await settle(ctx, runId, position, 'failed', bulkMessage('bulk.item-failed', { attempts }));
  await countOutcomes(ctx, runId, { failed: 1 });
}

/** The run's end: completed, or cancelled with every item still pending reported cancelled. */
export async function finishBulkRun(ctx: RequestContext, runId: string): Promise<BulkRunStatus> {
  const run = (await ctx.trx('bulkRuns').where({ id: runId }).forUpdate().first('status')) as { status: BulkRunStatus } | undefined;
  if (!run) return 'completed';
  if (run.status === 'completed' || run.status === 'cancelled') return run.status;
  const status: BulkRunStatus = run.status === 'cancelling' ? 'cancelled' : 'completed';
  const left = await ctx.trx('bulkRunItems').where({ runId, outcome: 'pending' })
    .update({ outcome: 'cancelled', reason: both(bulkMessage('bulk.item-cancelled')), updatedAt: ctx.trx.fn.now() });
  await ctx.trx('bulkRuns').where({ id: runId }).update({
    status, cancelled: ctx.trx.raw('cancelled + ?', [left]), finishedAt: ctx.trx.fn.now(), updatedAt: ctx.trx.fn.now(),
  });
  return status;
}

/** A refusal of a module (DomainError, a value refused by the database) or of a vendor (its own reason). */
const anyRefusal = (error: unknown): Text | VendorReason | undefined => refusalOf(error) ?? vendorRefusalOf(error);

/** The item, locked, when still pending (its run's transaction decides it once). */
async function pendingItem(ctx: RequestContext, runId: string, position: number): Promise<string | undefined> {
  const item = (await ctx.trx('bulkRunItems').where({ runId, position }).forUpdate().first('itemId', 'outcome')) as { itemId: string; outcome: BulkOutcome } | undefined;
  return item?.outcome === 'pending' ? item.itemId : undefined;
}

/** Settles an item and counts it, in the caller's (short) transaction. */
async function settleCounted(ctx: RequestContext, runId: string, position: number, outcome: 'done' | 'refused', reason: Text | VendorReason | null, refs?: Record<string, string>): Promise<'done' | 'refused'> {
  await settle(ctx, runId, position, outcome, reason, refs);
  await countOutcomes(ctx, runId, { [outcome]: 1 });
  return outcome;
}

/**
 * The first short transaction of an item that asks a vendor (docs/adr/0047): what to send, or its outcome when
 * no call is needed — refused by the module's rule, or done (the record already as asked), settled and counted
 * here as `applyBulkItem` would. An item already settled is skipped.
 */
export async function prepareVendorItem(ctx: RequestContext, action: BulkActionDefinition, runId: string, position: number, params: unknown): Promise<{ result: ItemResult } | { send: unknown; itemId: string }> {
  if (!action.vendor) throw new Error(`Bulk action "${action.key}" asks no vendor.`);
  const vendor = action.vendor;
  const itemId = await pendingItem(ctx, runId, position);
  if (!itemId) return { result: 'skipped' };
  let prepared: Awaited<ReturnType<typeof vendor.prepare>>;
  try {
    prepared = await ctx.trx.transaction((trx) => vendor.prepare({ ...ctx, trx }, itemId, params, itemMeta(runId, position)));
  } catch (error) {
    const reason = anyRefusal(error);
    if (!reason) throw error;
    return { result: await settleCounted(ctx, runId, position, 'refused', reason) };
  }
  if ('send' in prepared) return { send: prepared.send, itemId };
  const note = prepared.done;
  return { result: await settleCounted(ctx, runId, position, 'done', note ? note.note : null, note ? note.refs : undefined) };
}

/**
 * The second short transaction, once the vendor answered: the answer applied through the module's `settle` (its
 * record's one write path) and the item settled with it; or, when the vendor refused (`refusal`), settled refused
 * with the vendor's reason and nothing written. A module's refusal in `settle` settles it refused; anything else
 * is thrown, the item left pending (retried: the vendor's order is found again by its reference).
 */
export async function settleVendorItem(ctx: RequestContext, action: BulkActionDefinition, runId: string, position: number, params: unknown, answer: { ok: true; value: unknown } | { ok: false; refusal: VendorReason }): Promise<ItemResult> {
  if (!action.vendor) throw new Error(`Bulk action "${action.key}" asks no vendor.`);
  const vendor = action.vendor;
  const itemId = await pendingItem(ctx, runId, position);
  if (!itemId) return 'skipped';
  if (!answer.ok) return settleCounted(ctx, runId, position, 'refused', answer.refusal);
  let note: BulkItemNote | void;
  try {
    note = await ctx.trx.transaction((trx) => vendor.settle({ ...ctx, trx }, itemId, params, answer.value, itemMeta(runId, position)));
  } catch (error) {
    const reason = anyRefusal(error);
    if (!reason) throw error;
    return settleCounted(ctx, runId, position, 'refused', reason);
  }
  return settleCounted(ctx, runId, position, 'done', note ? note.note : null, note ? note.refs : undefined);
}

/**
 * A vendor's order placed by an item ended later (its webhook or a poll): the item's report says so. Confirmed:
 * its note is replaced by `note`; refused by the vendor: the item becomes refused with the vendor's reason (the
 * run's counters moved from done to refused). Answers the item's record and who started the run (credited with
 * what the end writes), or undefined when there is no such item done.
 */
export async function reviseBulkItem(ctx: RequestContext, runId: string, position: number, end: { note: Text } | { refusal: VendorReason }): Promise<{ actor: string | null; itemId: string } | undefined> {
  const item = (await ctx.trx('bulkRunItems').where({ runId, position }).forUpdate().first('outcome', 'itemId')) as { outcome: BulkOutcome; itemId: string } | undefined;
  if (item?.outcome !== 'done') return undefined;
  const run = (await ctx.trx('bulkRuns').where({ id: runId }).forUpdate().first('createdBy')) as { createdBy: string | null };
  if ('note' in end) {
    await settle(ctx, runId, position, 'done', end.note);
  } else {
    await settle(ctx, runId, position, 'refused', end.refusal);
    await ctx.trx('bulkRuns').where({ id: runId }).update({ done: ctx.trx.raw('done - 1'), refused: ctx.trx.raw('refused + 1'), updatedAt: ctx.trx.fn.now() });
  }
  return { actor: run.createdBy, itemId: item.itemId };
}
