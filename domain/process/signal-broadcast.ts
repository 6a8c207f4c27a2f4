import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { processSignalSignal } from '../../workflows/engine/contract';
import type { ProcessInput } from '../../kernel/process/engine-types';
import { plansStartedBySignal } from './definitions-service';
import { workflowIdOf } from './instances-service';

export interface SignalBroadcastInput {
  tenantId: string;
  name: string;
  variables: Record<string, unknown>;
  /** Stable across retries of the same broadcast (a request's Idempotency-Key, an activity's key): a repeat delivers nothing. */
  idempotencyKey: string;
  /** The instance that throws the signal: it handles its own catch events, so it is not signalled. */
  fromWorkflowId?: string;
  startedBy: string | null;
  /** Where the instances a signal start event begins run. */
  taskQueue: string;
}

export interface StartedBySignal {
  id: string;
  workflowId: string;
  processKey: string;
  version: number;
  startEvent: string;
}

export interface SignalBroadcastResult {
  broadcastId: string;
  /** The workflows signalled (each once, however many of its elements wait). Empty on a replay. */
  delivered: string[];
  /** The instances started by a signal start event. Empty on a replay. */
  started: StartedBySignal[];
  /** True when this idempotency key was broadcast already: nothing was delivered again. */
  replayed: boolean;
  /** How many were delivered and started by the broadcast this key recorded (the first one, on a replay). */
  counts: { delivered: number; started: number };
}

/** Signals at most this many workflows at once. */
const PARALLEL_SIGNALS = 20;

/**
 * Broadcasts a BPMN signal within the tenant of `trx` (scoped by withTenant or
 * the request): every workflow subscribed to the name now gets
 * `processSignal`, and the latest deployed version of each process whose root
 * start event is a signal start with that name begins one new instance
 * (business key `signal:<name>:<broadcast id>`). Signals are neither correlated
 * nor buffered: an instance that waits later gets nothing. The broadcast is
 * recorded under its idempotency key in the same transaction, so a retry after
 * it committed (or a concurrent twin, which waits on the key) delivers nothing
 * twice. A workflow that closed meanwhile is skipped and its subscriptions dropped.
 */
export async function broadcastSignal(trx: Knex.Transaction, client: Client, input: SignalBroadcastInput): Promise<SignalBroadcastResult> {
  const [recorded] = await trx('signalBroadcasts')
    .insert({ tenantId: input.tenantId, idempotencyKey: input.idempotencyKey, signalName: input.name, createdBy: input.startedBy })
    .onConflict(['tenantId', 'idempotencyKey']).ignore().returning('id');
  if (!recorded) {
    const first = await trx('signalBroadcasts').where({ tenantId: input.tenantId, idempotencyKey: input.idempotencyKey }).first('id', 'delivered', 'started');
    return { broadcastId: first.id, delivered: [], started: [], replayed: true, counts: { delivered: first.delivered, started: first.started } };
  }
  const broadcastId = recorded.id as string;
  const delivered = await signalSubscribers(trx, client, input);
  const started: StartedBySignal[] = [];
  for (const { plan, startAt } of await plansStartedBySignal(trx, input.name)) {
    const businessKey = `signal:${input.name}:${broadcastId}`;
    const workflowId = workflowIdOf(input.tenantId, plan.processKey, businessKey);
    const [row] = await trx('processInstances').insert({
      tenantId: input.tenantId, workflowId, processKey: plan.processKey, version: plan.version, businessKey, startedBy: input.startedBy,
    }).returning('id');
    const args: ProcessInput = { tenantId: input.tenantId, instanceId: row.id, businessKey, plan, variables: input.variables, startedBy: input.startedBy, startAt };
    await client.workflow.start('bpmnProcess', { workflowId, taskQueue: input.taskQueue, args: [args] });
    started.push({ id: row.id, workflowId, processKey: plan.processKey, version: plan.version, startEvent: startAt });
  }
  await trx('signalBroadcasts').where({ id: broadcastId }).update({ delivered: delivered.length, started: started.length });
  return { broadcastId, delivered, started, replayed: false, counts: { delivered: delivered.length, started: started.length } };
}

async function signalSubscribers(trx: Knex.Transaction, client: Client, input: SignalBroadcastInput): Promise<string[]> {
  const query = trx('signalSubscriptions').where({ tenantId: input.tenantId, signalName: input.name }).distinct('workflowId').orderBy('workflowId');
  if (input.fromWorkflowId) query.whereNot({ workflowId: input.fromWorkflowId });
  const workflowIds = (await query as Array<{ workflowId: string }>).map((r) => r.workflowId);
  const signal = { name: input.name, variables: input.variables };
  const delivered: string[] = [];
  const closed: string[] = [];
  for (let i = 0; i < workflowIds.length; i += PARALLEL_SIGNALS) {
    const batch = workflowIds.slice(i, i + PARALLEL_SIGNALS);
    const outcomes = await Promise.allSettled(batch.map((id) => client.workflow.getHandle(id).signal(processSignalSignal, signal)));
    outcomes.forEach((outcome, n) => {
      if (outcome.status === 'fulfilled') delivered.push(batch[n]!);
      else if (outcome.reason instanceof WorkflowNotFoundError) closed.push(batch[n]!);
      else throw outcome.reason;
    });
  }
  // A workflow that no longer runs (terminated, or closed before it unsubscribed) waits for nothing.
  if (closed.length) await trx('signalSubscriptions').whereIn('workflowId', closed).delete();
  return delivered;
}
