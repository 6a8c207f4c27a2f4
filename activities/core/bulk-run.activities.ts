import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { BulkActionDefinition } from '../../domain/core/bulk-action';
import { applyBulkItem, countOutcomes, failBulkItem, finishBulkRun, pendingItems, runForWorker, runStillRunning, type RunCounts } from '../../domain/core/bulk-runs';
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
 * The durable bulk's activities (docs/adr/0043): each item in its own transaction, as the module's
 * action in a service task's context (its declared permissions, credited to who started the run),
 * its outcome settled in that transaction (domain/core/bulk-runs.ts). Thin and idempotent: a
 * replayed chunk skips what is settled.
 */
export function createBulkRunActivities(deps: { knex: Knex }) {
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

  return {
    /**
     * Up to `limit` pending items after `after`, in one transaction (each item in its savepoint, the counters
     * once): a worker killed mid-chunk loses the chunk, which its retry applies again. A technical failure is
     * left pending for the workflow to retry alone; a cancel (read before each item) stops the chunk there.
     */
    async coreBulkApplyChunk(input: ChunkInput): Promise<ChunkOutcome> {
      const workflowId = workflowIdNow();
      const loaded = await load(input.tenantId, input.runId, workflowId, input.attempt);
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
