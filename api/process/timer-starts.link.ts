import { WorkflowNotFoundError } from '@temporalio/client';
import type { RequestContext } from '../../domain/core/record-service';
import { getPlan } from '../../domain/process/definitions-service';
import { createInstanceRow } from '../../domain/process/instances-service';
import { timerCycles, timerCycleWorkflowId, timerStarts } from '../../domain/process/timer-starts';
import type { Plan } from '../../kernel/process/plan';
import { TIMER_START_SCHEDULER, type TimerStartSchedulerInput } from '../../workflows/process/timer-start-scheduler.contract';
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

/** A schedule a deploy or a reactivation started: the scheduler workflow of one timer start event with a cycle. */
export interface StartSchedule { startEvent: string; cycle: string; workflowId: string }

/**
 * Timer start events with a cycle (a process that starts on a schedule): each
 * gets one scheduler workflow per key and event (`timerStartScheduler`), which
 * starts an instance of this version at every firing. The schedulers of the
 * previous version are terminated first (a new version replaces them, as it
 * replaces timer starts that have not happened). In the caller's transaction:
 * if Temporal refuses, nothing is deployed.
 */
export async function startTimerCycles(deps: ApiDeps, ctx: RequestContext, key: string, version: number): Promise<StartSchedule[]> {
  const plan = await getPlan(ctx.trx, key, version);
  if (!plan) return [];
  const cycles = timerCycles(plan);
  const previous = await ctx.trx('processDefinitions').where({ key, status: 'deployed' }).where('version', '<', version).orderBy('version', 'desc').first('plan');
  const replaced = [...new Set([...cycles.map((c) => c.startAt), ...(previous ? timerCycles(previous.plan as Plan).map((c) => c.startAt) : [])])];
  if (!replaced.length) return [];
  await stopSchedulers(deps, ctx, key, replaced, `Replaced by version ${version}`);
  const client = await deps.temporal();
  const started: StartSchedule[] = [];
  for (const { startAt, cycle } of cycles) {
    const workflowId = timerCycleWorkflowId(ctx.principal.tenantId, key, startAt);
    const input: TimerStartSchedulerInput = { tenantId: ctx.principal.tenantId, processKey: key, version, startAt, cycle };
    await client.workflow.start(TIMER_START_SCHEDULER, { workflowId, taskQueue: deps.taskQueue, args: [input] });
    started.push({ startEvent: startAt, cycle, workflowId });
  }
  return started;
}

/** Terminates the schedulers of a key's latest version (a retirement): no firing starts an instance; running instances go on. Answers their workflow ids. */
export async function stopTimerCycles(deps: ApiDeps, ctx: RequestContext, key: string, reason: string): Promise<string[]> {
  const plan = await getPlan(ctx.trx, key, 'latest');
  const events = plan ? timerCycles(plan).map((c) => c.startAt) : [];
  return events.length ? stopSchedulers(deps, ctx, key, events, reason) : [];
}

async function stopSchedulers(deps: ApiDeps, ctx: RequestContext, key: string, events: string[], reason: string): Promise<string[]> {
  const client = await deps.temporal();
  const stopped: string[] = [];
  for (const event of events) {
    const workflowId = timerCycleWorkflowId(ctx.principal.tenantId, key, event);
    try {
      await client.workflow.getHandle(workflowId).terminate(`${reason}.`);
      stopped.push(workflowId);
    } catch (error) {
      // Never started, or ended after its last repetition: nothing to stop.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return stopped;
}
