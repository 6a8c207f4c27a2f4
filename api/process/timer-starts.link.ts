import type { RequestContext } from '../../domain/core/record-service';
import { getPlan } from '../../domain/process/definitions-service';
import { createInstanceRow } from '../../domain/process/instances-service';
import { timerStarts } from '../../domain/process/timer-starts';
import type { ApiDeps } from '../http/deps';

/** The reason written on timer starts a retirement took back (reactivating schedules them again). */
export const RETIRED_BEFORE_TIMER = 'Process retired before its timer fired';

/**
 * Timer starts of a key that have not happened yet (only the start event in
 * their history: Temporal still delays them) are terminated and their rows
 * cancelled with the reason. `beforeVersion`: only those of earlier versions.
 * Answers the business keys taken back.
 */
export async function takeBackTimerStarts(deps: ApiDeps, ctx: RequestContext, key: string, reason: string, beforeVersion?: number): Promise<string[]> {
  const query = ctx.trx('processInstances').where({ processKey: key, status: 'running' }).where('businessKey', 'like', 'timer:%');
  if (beforeVersion !== undefined) query.where('version', '<', beforeVersion);
  const pending: Array<{ id: string; workflowId: string; businessKey: string }> = await query.select('id', 'workflowId', 'businessKey');
  if (!pending.length) return [];
  const client = await deps.temporal();
  const taken = [];
  for (const row of pending) {
    const handle = client.workflow.getHandle(row.workflowId);
    if ((await handle.describe()).historyLength > 1) continue;
    await handle.terminate(`${reason}.`);
    await ctx.trx('processInstances').where({ id: row.id }).update({ status: 'cancelled', cancelReason: reason, endedAt: ctx.trx.fn.now() });
    taken.push(row.businessKey);
  }
  return taken;
}

/**
 * Timer start events of a version just deployed: each becomes an instance
 * whose start Temporal delays until the timer's moment (`startDelay`), in the
 * deploy's transaction (if Temporal refuses, nothing is deployed). Instances
 * that an earlier version scheduled and that have not started yet are
 * replaced: only the latest version starts on its own. `only`: schedule just
 * these business keys (a reactivation gives back the starts its retirement took).
 */
export async function scheduleTimerStarts(deps: ApiDeps, ctx: RequestContext, key: string, version: number, only?: string[]): Promise<Array<{ businessKey: string; startsAt: string }>> {
  const plan = await getPlan(ctx.trx, key, version);
  if (!plan) return [];
  const now = Date.now();
  const starts = timerStarts(plan, now).filter((s) => !only || only.includes(s.businessKey));
  await takeBackTimerStarts(deps, ctx, key, `Replaced by version ${version} before its timer fired`, version);
  if (!starts.length) return [];
  const client = await deps.temporal();
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
