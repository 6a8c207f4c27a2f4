import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { ProcessInput } from '../../kernel/process/engine-types';
import type { TimerFiring } from '../../workflows/process/timer-start-scheduler.contract';
import { getPlan, retirementOf } from './definitions-service';
import { ensureInstanceRow, workflowIdOf } from './instances-service';
import { startProcessOnce } from './start-once';
import { timerCycleBusinessKey } from './timer-starts';

export interface TimerFiringInput {
  tenantId: string;
  processKey: string;
  version: number;
  /** The timer start event's id. */
  startAt: string;
  /** When the cycle fired (ms): with the event, the instance's business key. */
  firedAt: number;
  /** Where the instance runs. */
  taskQueue: string;
}

/**
 * Starts the instance of one firing of a timer start event's cycle: its row,
 * then its workflow, whose id (business key `timer:<event>:<ISO firing time>`)
 * Temporal never reuses, so a retry or a second scheduler starts nothing twice.
 * A retired key or a version no longer the latest starts nothing.
 */
export async function startTimerInstance(knex: Knex, client: Client, input: TimerFiringInput): Promise<TimerFiring> {
  const businessKey = timerCycleBusinessKey(input.startAt, input.firedAt);
  const workflowId = workflowIdOf(input.tenantId, input.processKey, businessKey);
  // The row commits before the workflow starts: a retry finds it (same id) and Temporal refuses the duplicate.
  const prepared = await withTenant({ tenantId: input.tenantId }, async (trx) => {
    if (await retirementOf(trx, input.processKey)) return { outcome: 'retired' as const };
    const latest = await getPlan(trx, input.processKey, 'latest');
    if (latest && latest.version > input.version) return { outcome: 'superseded' as const };
    const plan = latest?.version === input.version ? latest : undefined;
    // Retried: the deploy that starts the scheduler may not have committed yet.
    if (!plan) throw new Error(`Version ${input.version} of process "${input.processKey}" is not deployed (yet): its scheduled start waits for it.`);
    const instanceId = await ensureInstanceRow(trx, { tenantId: input.tenantId, workflowId, processKey: input.processKey, version: input.version, businessKey, startedBy: null });
    return { outcome: 'ready' as const, plan, instanceId };
  }, knex);
  if (prepared.outcome !== 'ready') return prepared;
  const args: ProcessInput = { tenantId: input.tenantId, instanceId: prepared.instanceId, businessKey, plan: prepared.plan, variables: {}, startedBy: null, startAt: input.startAt };
  return { outcome: await startProcessOnce(client, workflowId, input.taskQueue, args) ? 'started' : 'alreadyStarted', workflowId };
}
