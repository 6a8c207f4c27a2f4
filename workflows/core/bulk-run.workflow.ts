import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { BulkRunActivities } from '../../activities/core/bulk-run.activities';
import type { BulkRunInput } from './bulk-run.contract';

const bookkeeping = proxyActivities<BulkRunActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 20, maximumInterval: '30 seconds' } });

/**
 * A durable bulk run (docs/adr/0043): works through the run's pending items in order, a chunk per
 * activity, each item applied by the module's action and settled in the same transaction (so a
 * replay or a re-run skips it). An item that fails for a technical reason is retried alone, then
 * reported failed. Every `chunksPerRun` chunks the workflow continues as new after the last
 * position (10,000 items keep a short history); a cancel asked through the API stops it between two
 * items. Deterministic: it decides only on what its activities answer.
 */
export async function bulkRun(input: BulkRunInput): Promise<string> {
  const chunkSize = input.chunkSize ?? 200;
  const chunksPerRun = input.chunksPerRun ?? 25;
  const itemAttempts = input.itemAttempts ?? 3;
  // A chunk heartbeats after each item: a killed worker is found within the heartbeat timeout and the chunk retried (done items skipped).
  const chunks = proxyActivities<BulkRunActivities>({
    startToCloseTimeout: '30 minutes', heartbeatTimeout: input.heartbeatTimeoutMs ?? 30_000,
    retry: { maximumAttempts: 20, initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  const alone = proxyActivities<BulkRunActivities>({
    startToCloseTimeout: '5 minutes', retry: { maximumAttempts: itemAttempts, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });
  const { tenantId, runId } = input;
  const attempt = input.attempt ?? 1;
  let after = input.after ?? 0;
  for (let chunk = 0; chunk < chunksPerRun; chunk += 1) {
    const outcome = await chunks.coreBulkApplyChunk({ tenantId, runId, attempt, after, limit: chunkSize });
    for (const position of outcome.retry) {
      try {
        await alone.coreBulkApplyItem({ tenantId, runId, attempt, position });
      } catch {
        await bookkeeping.coreBulkFailItem({ tenantId, runId, position, attempts: itemAttempts + 1 });
      }
    }
    if (outcome.cancelled || outcome.seen === 0) return bookkeeping.coreBulkFinish({ tenantId, runId });
    after = outcome.last;
  }
  return continueAsNew<typeof bulkRun>({ ...input, after });
}
