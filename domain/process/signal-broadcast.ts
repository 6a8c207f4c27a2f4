import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { processSignalSignal } from '../../workflows/engine/contract';
import type { ProcessInput, ProcessSignalArgs } from '../../kernel/process/engine-types';
import { idFromKey } from '../core/id-from-key';
import { plansStartedBySignal } from './definitions-service';
import { ensureInstanceRow, workflowIdOf } from './instances-service';
import { startProcessOnce } from './start-once';

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
 * Runs one step of a broadcast in a transaction scoped to the tenant: the
 * request's own transaction for every step (the API), or a new one per step
 * that commits before the next begins (the engine's activity, retried by
 * Temporal until it completes).
 */
export type TenantSteps = <T>(step: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;

/** The broadcast's id, derived from its idempotency key: every attempt of one broadcast has the same. */
export function broadcastIdOf(tenantId: string, idempotencyKey: string): string {
  return idFromKey(`signal-broadcast:${tenantId}:${idempotencyKey}`);
}

/**
 * Broadcasts a BPMN signal within a tenant: every workflow subscribed to the
 * name now gets `processSignal`, and the latest deployed version of each
 * process whose root start event is a signal start with that name begins one
 * new instance (business key `signal:<name>:<broadcast id>`). Signals are
 * neither correlated nor buffered: an instance that waits later gets nothing.
 *
 * Idempotent on its key, even when an attempt died half-way (its worker
 * killed): the broadcast id comes from the key, so every attempt starts the
 * same workflow ids (Temporal refuses a second start: it counts as started)
 * with the same instance rows, and signals carry the broadcast id, which a
 * workflow takes once. In steps: the instance rows are written first (with
 * their own transaction they commit before any workflow starts, so a started
 * workflow always finds its row), then the workflows start and the
 * subscribers are signalled, then the broadcast is recorded with its counts:
 * once recorded, a retry delivers nothing at all. A workflow that closed
 * meanwhile is skipped and its subscriptions dropped.
 */
export async function broadcastSignal(steps: TenantSteps, client: Client, input: SignalBroadcastInput): Promise<SignalBroadcastResult> {
  const broadcastId = broadcastIdOf(input.tenantId, input.idempotencyKey);
  const prepared = await steps(async (trx) => {
    const first = await trx('signalBroadcasts').where({ tenantId: input.tenantId, idempotencyKey: input.idempotencyKey }).first('id', 'delivered', 'started');
    if (first) return { replay: first as { id: string; delivered: number; started: number } };
    const starts: Array<StartedBySignal & { args: ProcessInput }> = [];
    for (const { plan, startAt } of await plansStartedBySignal(trx, input.name)) {
      const businessKey = `signal:${input.name}:${broadcastId}`;
      const workflowId = workflowIdOf(input.tenantId, plan.processKey, businessKey);
      const id = await ensureInstanceRow(trx, {
        id: idFromKey(`process-instance:${workflowId}`), tenantId: input.tenantId, workflowId, processKey: plan.processKey, version: plan.version, businessKey, startedBy: input.startedBy,
      });
      const args: ProcessInput = { tenantId: input.tenantId, instanceId: id, businessKey, plan, variables: input.variables, startedBy: input.startedBy, startAt };
      starts.push({ id, workflowId, processKey: plan.processKey, version: plan.version, startEvent: startAt, args });
    }
    const subscribers = trx('signalSubscriptions').where({ tenantId: input.tenantId, signalName: input.name }).distinct('workflowId').orderBy('workflowId');
    if (input.fromWorkflowId) subscribers.whereNot({ workflowId: input.fromWorkflowId });
    return { starts, subscribers: (await subscribers as Array<{ workflowId: string }>).map((r) => r.workflowId) };
  });
  if (prepared.replay) {
    const { id, delivered, started } = prepared.replay;
    return { broadcastId: id, delivered: [], started: [], replayed: true, counts: { delivered, started } };
  }
  const started: StartedBySignal[] = [];
  for (const { args, ...instance } of prepared.starts) {
    await startProcessOnce(client, instance.workflowId, input.taskQueue, args);
    started.push(instance);
  }
  const { delivered, closed } = await signalSubscribers(client, prepared.subscribers, { name: input.name, variables: input.variables, signalId: broadcastId });
  await steps(async (trx) => {
    // A workflow that no longer runs (terminated, or closed before it unsubscribed) waits for nothing.
    if (closed.length) await trx('signalSubscriptions').whereIn('workflowId', closed).delete();
    await trx('signalBroadcasts').insert({
      id: broadcastId, tenantId: input.tenantId, idempotencyKey: input.idempotencyKey, signalName: input.name, createdBy: input.startedBy,
      delivered: delivered.length, started: started.length,
    }).onConflict().ignore();
  });
  return { broadcastId, delivered, started, replayed: false, counts: { delivered: delivered.length, started: started.length } };
}

async function signalSubscribers(client: Client, workflowIds: string[], signal: ProcessSignalArgs): Promise<{ delivered: string[]; closed: string[] }> {
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
  return { delivered, closed };
}
