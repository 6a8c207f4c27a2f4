import type { RequestContext } from '../../domain/core/record-service';
import { getPlan } from '../../domain/process/definitions-service';
import { createInstanceRow } from '../../domain/process/instances-service';
import { timerStarts } from '../../domain/process/timer-starts';
import type { ApiDeps } from '../http/deps';

/**
 * Timer start events of a version just deployed: each becomes an instance
 * whose start Temporal delays until the timer's moment (`startDelay`), in the
 * deploy's transaction (if Temporal refuses, nothing is deployed). Instances
 * that an earlier version scheduled and that have not started yet are
 * replaced: only the latest version starts on its own.
 */
export async function scheduleTimerStarts(deps: ApiDeps, ctx: RequestContext, key: string, version: number): Promise<Array<{ businessKey: string; startsAt: string }>> {
  const plan = await getPlan(ctx.trx, key, version);
  if (!plan) return [];
  const earlier = await ctx.trx('processInstances').where({ processKey: key, status: 'running' }).where('version', '<', version)
    .where('businessKey', 'like', 'timer:%').select('id', 'workflowId');
  const now = Date.now();
  const starts = timerStarts(plan, now);
  if (!earlier.length && !starts.length) return [];
  const client = await deps.temporal();
  for (const row of earlier) {
    const handle = client.workflow.getHandle(row.workflowId);
    // Only its start event in the history: the delayed start has not happened yet.
    if ((await handle.describe()).historyLength > 1) continue;
    await handle.terminate(`Replaced by version ${version} before its timer fired.`);
    await ctx.trx('processInstances').where({ id: row.id })
      .update({ status: 'cancelled', cancelReason: `Replaced by version ${version} before its timer fired`, endedAt: ctx.trx.fn.now() });
  }
  const scheduled = [];
  for (const start of starts) {
    const row = await createInstanceRow(ctx, plan, start.businessKey);
    await client.workflow.start('bpmnProcess', {
      workflowId: row.workflowId, taskQueue: deps.taskQueue, startDelay: start.delayMs,
      args: [{ tenantId: ctx.principal.tenantId, instanceId: row.id, businessKey: start.businessKey, plan, variables: {}, startedBy: ctx.principal.userId, startAt: start.startAt }],
    });
    scheduled.push({ businessKey: start.businessKey, startsAt: new Date(now + start.delayMs).toISOString() });
  }
  return scheduled;
}
