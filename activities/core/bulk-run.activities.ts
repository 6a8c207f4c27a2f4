import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { vendorRefusalOf, type BulkActionDefinition, type BulkSender } from '../../domain/core/bulk-action';
import {
  applyBulkItem, countOutcomes, failBulkItem, finishBulkRun, itemMeta, pendingItems, prepareVendorItem, runForWorker, runStillRunning, settleVendorItem,
  type ItemResult, type RunCounts,
} from '../../domain/core/bulk-runs';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { findBulkAction } from '../../domain/modules/registry';
import type { ChunkInput, ChunkOutcome, ItemInput } from '../../workflows/core/bulk-run.contract';

/** The running workflow's id: the request id of what the item writes (its timeline names the bulk run). */
const workflowIdNow = () => Context.current().info.workflowExecution?.workflowId ?? 'bulk';

interface Loaded {
  action: BulkActionDefinition;
  params: unknown;
  actor: string | null;
}

/**
 * The durable bulk's activities (docs/adr/0043): each item in its own savepoint of the chunk's transaction, as the module's
 * action in a service task's context (its declared permissions, credited to who started the run),
 * its outcome settled in that transaction (domain/core/bulk-runs.ts). Thin and idempotent: a
 * replayed chunk skips what is settled. An action that asks a vendor is applied item by item, never with a
 * transaction held while its vendor answers (ADR 0047).
 */
export interface BulkRunDeps {
  knex: Knex;
  /** The vendor senders the installed modules provide, by name (`ActivitiesModule.bulkSenders`, ADR 0047). */
  bulkSenders?: Readonly<Record<string, BulkSender>>;
}

export function createBulkRunActivities(deps: BulkRunDeps) {
  const inRun = <T>(tenantId: string, workflowId: string, loaded: Loaded | null, fn: (ctx: RequestContext) => Promise<T>) =>
    withTenant({ tenantId }, (trx) => fn(processContext(trx, tenantId, workflowId, loaded?.action.permissions ?? [], loaded?.actor ?? null)), deps.knex);

  /**
   * The run as its attempt was committed: the API starts the workflow inside the transaction that writes the run
   * (or its « relancer »), so a worker quicker than the commit waits for it (retried); a run rolled back never comes.
   */
  const load = async (tenantId: string, runId: string, workflowId: string, attempt = 1): Promise<Loaded> => {
    const run = await inRun(tenantId, workflowId, null, (ctx) => runForWorker(ctx, runId));
    if (!run || run.attempt < attempt) throw ApplicationFailure.retryable(`Bulk run ${runId} (attempt ${attempt}) not committed yet.`, 'BulkRunNotYetCommitted');
    const action = findBulkAction(run.action);
    if (!action) throw new Error(`Bulk action "${run.action}" is not installed in this worker.`);
    return { action, params: action.params.parse(run.params), actor: run.createdBy };
  };

  /**
   * One item of an action that asks a vendor (ADR 0047): a short transaction reads what to send (or settles it),
   * the vendor is called with no transaction held (the item's key as the order's reference, so a retry places
   * nothing twice), a second short transaction applies the answer and settles it. A technical failure is thrown.
   */
  const vendorItem = async (tenantId: string, workflowId: string, loaded: Loaded, runId: string, position: number, unlessCancelled = false): Promise<ItemResult | 'cancelled'> => {
    const step = loaded.action.vendor!;
    const sender = deps.bulkSenders?.[step.sender];
    if (!sender) throw new Error(`No sender "${step.sender}" is installed in this worker.`);
    // A cancel is read in the same short transaction, before the item (never kept waiting: read without a lock).
    const prepared = await inRun(tenantId, workflowId, loaded, async (ctx) => (unlessCancelled && !(await runStillRunning(ctx, runId))
      ? { result: 'cancelled' as const }
      : prepareVendorItem(ctx, loaded.action, runId, position, loaded.params)));
    if ('result' in prepared) return prepared.result;
    let answer: { ok: true; value: unknown } | { ok: false; refusal: { fr: string; en: string } };
    Context.current().heartbeat(position);
    try {
      answer = { ok: true, value: await sender(tenantId, prepared.send, itemMeta(runId, position)) };
    } catch (error) {
      const refusal = vendorRefusalOf(error);
      if (!refusal) throw error;
      answer = { ok: false, refusal };
    }
    return inRun(tenantId, workflowId, loaded, (ctx) => settleVendorItem(ctx, loaded.action, runId, position, loaded.params, answer));
  };

  /** A chunk of an action that asks a vendor: its items one by one, each counted in its own transactions. */
  const vendorChunk = async (input: ChunkInput, workflowId: string, loaded: Loaded): Promise<ChunkOutcome> => {
    const items = await inRun(input.tenantId, workflowId, loaded, (ctx) => pendingItems(ctx, input.runId, input.after, input.limit));
    const retry: number[] = [];
    let last = input.after;
    for (const { position } of items) {
      try {
        if ((await vendorItem(input.tenantId, workflowId, loaded, input.runId, position, true)) === 'cancelled') return { last, seen: items.length, retry, cancelled: true };
      } catch {
        retry.push(position);
      }
      last = position;
      Context.current().heartbeat(position);
    }
    return { last, seen: items.length, retry, cancelled: false };
  };

  return {
    /**
     * Up to `limit` pending items after `after`, in one transaction (each item in its savepoint, the counters
     * once): a worker killed mid-chunk loses the chunk, which its retry applies again. A technical failure is
     * left pending for the workflow to retry alone; a cancel (read before each item) stops the chunk there.
     */
    async coreBulkApplyChunk(input: ChunkInput): Promise<ChunkOutcome> {
      const workflowId = workflowIdNow();
      const loaded = await load(input.tenantId, input.runId, workflowId, input.attempt);
      if (loaded.action.vendor) return vendorChunk(input, workflowId, loaded);
      return inRun(input.tenantId, workflowId, loaded, async (ctx) => {
        const items = await pendingItems(ctx, input.runId, input.after, input.limit);
        const retry: number[] = [];
        const counts: RunCounts = {};
        let last = input.after;
        let cancelled = false;
        for (const { position } of items) {
          if (!(await runStillRunning(ctx, input.runId))) {
            cancelled = true;
            break;
          }
          try {
            const result = await applyBulkItem(ctx, loaded.action, input.runId, position, loaded.params);
            if (result !== 'skipped') counts[result] = (counts[result] ?? 0) + 1;
          } catch {
            retry.push(position);
          }
          last = position;
          Context.current().heartbeat(position);
        }
        await countOutcomes(ctx, input.runId, counts);
        return { last, seen: items.length, retry, cancelled };
      });
    },

    /** One item again, its technical failure thrown for Temporal to retry. */
    async coreBulkApplyItem(input: ItemInput): Promise<void> {
      const workflowId = workflowIdNow();
      const loaded = await load(input.tenantId, input.runId, workflowId, input.attempt);
      if (loaded.action.vendor) {
        await vendorItem(input.tenantId, workflowId, loaded, input.runId, input.position);
        return;
      }
      await inRun(input.tenantId, workflowId, loaded, async (ctx) => {
        const result = await applyBulkItem(ctx, loaded.action, input.runId, input.position, loaded.params);
        if (result !== 'skipped') await countOutcomes(ctx, input.runId, { [result]: 1 });
      });
    },

    async coreBulkFailItem(input: ItemInput & { attempts: number }): Promise<void> {
      await inRun(input.tenantId, workflowIdNow(), null, (ctx) => failBulkItem(ctx, input.runId, input.position, input.attempts));
    },

    async coreBulkFinish(input: { tenantId: string; runId: string }): Promise<string> {
      return inRun(input.tenantId, workflowIdNow(), null, (ctx) => finishBulkRun(ctx, input.runId));
    },
  };
}

export type BulkRunActivities = ReturnType<typeof createBulkRunActivities>;
