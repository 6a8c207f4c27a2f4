import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { consumeBufferedMessage, consumedBy, lockMessageKey, type DeliveredMessage } from '../../domain/process/message-buffer';
import type { ElementInstance } from '../../kernel/process/engine-types';
import type { FeelReason } from '../../kernel/process/feel';
import type { Plan } from '../../kernel/process/plan';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { broadcastSignal } from '../../domain/process/signal-broadcast';
import { ensureInstanceRow } from '../../domain/process/instances-service';
import { startTimerInstance } from '../../domain/process/timer-cycle-starts';
import type { TimerFiring } from '../../workflows/process/timer-start-scheduler.contract';

export interface EngineDeps {
  knex: Knex;
  /** The latest deployed plan of a process key for the tenant (call activities start it). */
  loadPlan: (trx: Knex.Transaction, processKey: string) => Promise<Plan | undefined>;
  /** A Temporal client with the worker's data converter, connected on first use (signal throw events broadcast through it). */
  temporal?: () => Promise<Client>;
}

export interface OpenTaskInput {
  tenantId: string;
  instanceId: string;
  workflowId: string;
  processKey: string;
  businessKey: string;
  elementId: string;
  taskKey: string;
  name: string | null;
  formKey: string | null;
  inlineForm: Record<string, unknown> | null;
  candidateRoles: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueAt: string | null;
  priority: number;
}

/**
 * Upserts element instances on (instance_id, seq): a retried or replayed call
 * writes the same rows again; a late copy still active never reopens a row that ended.
 */
async function storeElements(trx: Knex.Transaction, tenantId: string, instanceId: string, elements: ElementInstance[] | undefined): Promise<void> {
  const rows = (elements ?? []).map((e) => ({
    tenantId, instanceId, seq: e.seq, elementId: e.elementId, name: e.name, type: e.type, scopeId: e.scopeId, loopCounter: e.loopCounter,
    startedAt: e.startedAt, endedAt: e.endedAt, outcome: e.outcome, takenFlows: e.takenFlows,
  }));
  // Twelve parameters a row: 1000 rows stay well under PostgreSQL's 65535.
  for (let i = 0; i < rows.length; i += 1000) {
    await trx('processElementInstances').insert(rows.slice(i, i + 1000)).onConflict(['instanceId', 'seq'])
      .merge(['elementId', 'name', 'type', 'scopeId', 'loopCounter', 'startedAt', 'endedAt', 'outcome', 'takenFlows'])
      .where(trx.raw("process_element_instances.outcome = 'active' or excluded.outcome <> 'active'"));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The engine's own activities: they keep the PostgreSQL projections (task
 * list, incidents, message subscriptions, instance status) in step with the
 * workflow. Each is idempotent, so a retry or a replay never duplicates a row.
 */
export function createEngineActivities(deps: EngineDeps) {
  const inTenant = <T>(tenantId: string, fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId }, fn, deps.knex);
  return {
    async 'process.openTask'(input: OpenTaskInput): Promise<{ taskId: string }> {
      return inTenant(input.tenantId, async (trx) => {
        const assignee = input.assignee && UUID.test(input.assignee) ? input.assignee : null;
        await trx('tasks').insert({
          tenantId: input.tenantId, instanceId: input.instanceId, workflowId: input.workflowId, processKey: input.processKey,
          businessKey: input.businessKey, elementId: input.elementId, taskKey: input.taskKey, name: input.name, formKey: input.formKey,
          inlineForm: input.inlineForm ? JSON.stringify(input.inlineForm) : null, candidateRoles: input.candidateRoles,
          candidateUsers: input.candidateUsers, assignee, dueAt: input.dueAt, priority: input.priority,
        }).onConflict(['workflowId', 'taskKey']).ignore();
        const row = await trx('tasks').where({ workflowId: input.workflowId, taskKey: input.taskKey }).first('id');
        return { taskId: row.id as string };
      });
    },

    async 'process.closeTask'(input: { tenantId: string; taskId: string; status: 'completed' | 'cancelled'; completedBy: string | null; data: Record<string, unknown> | null }): Promise<void> {
      await inTenant(input.tenantId, (trx) => trx('tasks').where({ id: input.taskId, status: 'open' }).update({
        status: input.status, completedBy: input.completedBy, completedAt: trx.fn.now(), data: input.data ? JSON.stringify(input.data) : null,
        version: trx.raw('version + 1'),
      }));
    },

    /** `reason`: the engine's own reason as a code and parameters (the monitor writes it in the reader's language); `message` is for logs. */
    async 'process.recordIncident'(input: {
      tenantId: string; instanceId: string; workflowId: string; elementId: string; incidentKey: string; message: string; reason?: FeelReason;
    }): Promise<{ incidentId: string }> {
      return inTenant(input.tenantId, async (trx) => {
        await trx('processIncidents').insert({
          tenantId: input.tenantId, instanceId: input.instanceId, workflowId: input.workflowId, elementId: input.elementId,
          incidentKey: input.incidentKey, message: input.message.slice(0, 4000), reason: input.reason ? JSON.stringify(input.reason) : null,
        }).onConflict(['workflowId', 'incidentKey']).ignore();
        await trx('processInstances').where({ id: input.instanceId, status: 'running' }).update({ status: 'incident', updatedAt: trx.fn.now() });
        const row = await trx('processIncidents').where({ workflowId: input.workflowId, incidentKey: input.incidentKey }).first('id');
        return { incidentId: row.id as string };
      });
    },

    async 'process.resolveIncident'(input: { tenantId: string; instanceId: string; incidentId: string; resolution: 'retry' | 'skip'; resolvedBy: string | null }): Promise<void> {
      await inTenant(input.tenantId, async (trx) => {
        await trx('processIncidents').where({ id: input.incidentId, status: 'open' })
          .update({ status: 'resolved', resolution: input.resolution, resolvedAt: trx.fn.now(), resolvedBy: input.resolvedBy });
        const open = await trx('processIncidents').where({ instanceId: input.instanceId, status: 'open' }).first('id');
        if (!open) await trx('processInstances').where({ id: input.instanceId, status: 'incident' }).update({ status: 'running', updatedAt: trx.fn.now() });
      });
    },

    /**
     * Subscribes a catch event to a message name and key and, in the same
     * transaction, consumes the oldest unexpired message buffered for them
     * (published before anyone waited): the workflow takes that one instead of
     * waiting. Retried after it committed, it answers the same message again.
     */
    async 'process.subscribeMessage'(input: { tenantId: string; workflowId: string; elementId: string; messageName: string; correlationKey: string }): Promise<{ message: DeliveredMessage | null }> {
      return inTenant(input.tenantId, async (trx) => {
        await lockMessageKey(trx, input.tenantId, input.messageName, input.correlationKey);
        const by = { name: input.messageName, correlationKey: input.correlationKey, workflowId: input.workflowId, elementId: input.elementId };
        const earlier = await trx('messageSubscriptions').where({ workflowId: input.workflowId, elementId: input.elementId }).first('createdAt');
        const again = earlier ? await consumedBy(trx, { ...by, since: earlier.createdAt as Date }) : null;
        if (again) return { message: again };
        await trx('messageSubscriptions').insert(input).onConflict(['workflowId', 'elementId']).merge(['messageName', 'correlationKey']);
        return { message: await consumeBufferedMessage(trx, by) };
      });
    },

    async 'process.unsubscribeMessage'(input: { tenantId: string; workflowId: string; elementId: string }): Promise<void> {
      await inTenant(input.tenantId, (trx) => trx('messageSubscriptions').where({ workflowId: input.workflowId, elementId: input.elementId }).delete());
    },

    /** A catch event (intermediate, boundary, event sub-process start) waits for a signal name; signals are not buffered. */
    async 'process.subscribeSignal'(input: { tenantId: string; workflowId: string; elementId: string; signalName: string }): Promise<void> {
      await inTenant(input.tenantId, (trx) => trx('signalSubscriptions').insert(input).onConflict(['workflowId', 'elementId']).merge(['signalName']));
    },

    async 'process.unsubscribeSignal'(input: { tenantId: string; workflowId: string; elementId: string }): Promise<void> {
      await inTenant(input.tenantId, (trx) => trx('signalSubscriptions').where({ workflowId: input.workflowId, elementId: input.elementId }).delete());
    },

    /**
     * A signal throw or end event: every other instance of the tenant waiting for
     * the name gets it, and the processes it starts begin. Idempotent on the key,
     * even after an attempt that died half-way: each step commits on its own (the
     * started instances' rows before their workflows), and the retry starts the
     * same workflow ids and signals with the same broadcast id, taken once.
     */
    async 'process.broadcastSignal'(input: { tenantId: string; signalName: string; variables?: Record<string, unknown>; fromWorkflowId: string; idempotencyKey: string }): Promise<{ delivered: number; started: number }> {
      if (!deps.temporal) throw ApplicationFailure.nonRetryable('This worker has no Temporal client: signals cannot be broadcast.');
      const client = await deps.temporal();
      const { counts } = await broadcastSignal((step) => inTenant(input.tenantId, step), client, {
        tenantId: input.tenantId, name: input.signalName, variables: input.variables ?? {}, idempotencyKey: input.idempotencyKey,
        fromWorkflowId: input.fromWorkflowId, startedBy: null, taskQueue: Context.current().info.taskQueue,
      });
      return counts;
    },

    /**
     * One firing of a timer start event's cycle (the scheduler workflow): starts one
     * instance of the version, once per firing, or answers that the version no longer
     * starts anything (retired, or a newer version deployed) so the scheduler ends.
     */
    async 'process.startTimerInstance'(input: { tenantId: string; processKey: string; version: number; startAt: string; firedAt: number }): Promise<TimerFiring> {
      if (!deps.temporal) throw ApplicationFailure.nonRetryable('This worker has no Temporal client: scheduled processes cannot start.');
      return startTimerInstance(deps.knex, await deps.temporal(), { ...input, taskQueue: Context.current().info.taskQueue });
    },

    /** Creates the child instance's row for a call activity and hands over the plan it runs. */
    async 'process.prepareChild'(input: { tenantId: string; processKey: string; workflowId: string; businessKey: string; startedBy: string | null }): Promise<{ instanceId: string; plan: Plan }> {
      return inTenant(input.tenantId, async (trx) => {
        const plan = await deps.loadPlan(trx, input.processKey);
        if (!plan) {
          // An operator can deploy the missing process, then retry the incident.
          throw ApplicationFailure.nonRetryable(`The called process "${input.processKey}" has no deployed version in this organisation.`);
        }
        const instanceId = await ensureInstanceRow(trx, {
          tenantId: input.tenantId, workflowId: input.workflowId, processKey: plan.processKey, version: plan.version,
          businessKey: input.businessKey, startedBy: input.startedBy,
        });
        return { instanceId, plan };
      });
    },

    /** The elements that ended in a run that continues as new (its successor does not carry them). */
    async 'process.recordElements'(input: { tenantId: string; instanceId: string; elements: ElementInstance[] }): Promise<void> {
      await inTenant(input.tenantId, (trx) => storeElements(trx, input.tenantId, input.instanceId, input.elements));
    },

    async 'process.finishInstance'(input: {
      tenantId: string; instanceId: string; status: 'completed' | 'cancelled' | 'failed'; reason?: string | null;
      /** Every element instance not stored yet. */
      elements?: ElementInstance[];
      /** The final variables, kept on the instance's row. */
      variables?: Record<string, unknown>;
    }): Promise<void> {
      await inTenant(input.tenantId, async (trx) => {
        await storeElements(trx, input.tenantId, input.instanceId, input.elements);
        await trx('processInstances').where({ id: input.instanceId }).update({
          status: input.status, endedAt: trx.fn.now(), updatedAt: trx.fn.now(), cancelReason: input.reason ?? null,
          ...(input.variables ? { variables: JSON.stringify(input.variables) } : {}),
        });
        await trx('tasks').where({ instanceId: input.instanceId, status: 'open' }).update({ status: 'cancelled', completedAt: trx.fn.now() });
        const workflowId = (await trx('processInstances').where({ id: input.instanceId }).first('workflowId'))?.workflowId ?? '';
        await trx('messageSubscriptions').where({ workflowId }).delete();
        await trx('signalSubscriptions').where({ workflowId }).delete();
      });
    },
  };
}

export type EngineActivities = ReturnType<typeof createEngineActivities>;
