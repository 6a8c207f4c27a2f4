import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { BulkActionDefinition } from '../../domain/core/bulk-action';
import { applyBulkItem, failBulkItem, finishBulkRun, pendingItems, runForWorker } from '../../domain/core/bulk-runs';
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

  const load = async (tenantId: string, runId: string, workflowId: string): Promise<Loaded | undefined> => {
    const run = await inRun(tenantId, workflowId, null, (ctx) => runForWorker(ctx, runId));
    if (!run) return undefined;
    const action = findBulkAction(run.action);
    if (!action) throw new Error(`Bulk action "${run.action}" is not installed in this worker.`);
    return { action, params: action.params.parse(run.params), actor: run.createdBy };
  };

  const applyOne = (tenantId: string, runId: string, position: number, loaded: Loaded, workflowId: string) =>
    inRun(tenantId, workflowId, loaded, (ctx) => applyBulkItem(ctx, loaded.action, runId, position, loaded.params));

  return {
    /** Up to `limit` pending items after `after`, one transaction each; a technical failure is left pending for the workflow to retry alone. */
    async coreBulkApplyChunk(input: ChunkInput): Promise<ChunkOutcome> {
      const workflowId = workflowIdNow();
      const loaded = await load(input.tenantId, input.runId, workflowId);
      if (!loaded) return { last: input.after, seen: 0, retry: [], cancelled: true };
      const items = await inRun(input.tenantId, workflowId, null, (ctx) => pendingItems(ctx, input.runId, input.after, input.limit));
      const retry: number[] = [];
      let last = input.after;
      for (const { position } of items) {
        let result;
        try {
          result = await applyOne(input.tenantId, input.runId, position, loaded, workflowId);
        } catch {
          retry.push(position);
        }
        if (result === 'cancelled') return { last, seen: items.length, retry, cancelled: true };
        last = position;
        Context.current().heartbeat(position);
      }
      return { last, seen: items.length, retry, cancelled: false };
    },

    /** One item again, its technical failure thrown for Temporal to retry. */
    async coreBulkApplyItem(input: ItemInput): Promise<void> {
      const workflowId = workflowIdNow();
      const loaded = await load(input.tenantId, input.runId, workflowId);
      if (loaded) await applyOne(input.tenantId, input.runId, input.position, loaded, workflowId);
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
