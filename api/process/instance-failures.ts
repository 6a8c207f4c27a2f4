import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';

/**
 * Workflow failures Relais would otherwise never see: a workflow that failed,
 * timed out or was terminated (`temporal workflow terminate`), or whose
 * workflow task keeps failing (a bug, a non-deterministic change), never runs
 * the engine's finishInstance, so its row would say `running` forever. These
 * helpers ask Temporal, mark the row `failed` with the reason, and retry it
 * (a reset to the last workflow task completed before the failure).
 */

/** A workflow task failing this many times in a row counts as a failure (Temporal keeps retrying it). */
export const STUCK_WORKFLOW_TASK_ATTEMPTS = 3;

const { HistoryEventFilterType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

async function failureMessage(client: Client, failure: temporal.api.failure.v1.IFailure | null | undefined): Promise<string> {
  const error = await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, failure).catch(() => undefined);
  return error?.message || failure?.message || 'sans message';
}

/**
 * Why the latest run of a workflow failed, or null while it runs well (or ended normally). Stored on
 * the instance's row for later reading, so written in French, the organisation's language (ADR 0010);
 * the engine's or an operator's own words are quoted as they came.
 */
export async function failureOf(client: Client, workflowId: string, described?: WorkflowExecutionDescription): Promise<string | null> {
  const d = described ?? await client.workflow.getHandle(workflowId).describe();
  const execution = { workflowId, runId: d.runId };
  const namespace = client.options.namespace;
  if (d.status.name === 'RUNNING') {
    const attempt = d.raw.pendingWorkflowTask?.attempt ?? 0;
    if (attempt < STUCK_WORKFLOW_TASK_ATTEMPTS) return null;
    const { history } = await client.workflowService.getWorkflowExecutionHistoryReverse({ namespace, execution, maximumPageSize: 50 });
    const failed = history?.events?.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes;
    return `Le moteur échoue sur cette instance (tentative ${attempt}) : ${await failureMessage(client, failed?.failure)}`;
  }
  if (!['FAILED', 'TIMED_OUT', 'TERMINATED'].includes(d.status.name)) return null;
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace, execution, historyEventFilterType: HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
  });
  const close = history?.events?.[0];
  if (close?.workflowExecutionFailedEventAttributes) return failureMessage(client, close.workflowExecutionFailedEventAttributes.failure);
  if (close?.workflowExecutionTerminatedEventAttributes) {
    const { reason, identity } = close.workflowExecutionTerminatedEventAttributes;
    return `Arrêtée par ${identity || 'un opérateur'}${reason ? ` : ${reason}` : ''}`;
  }
  if (d.status.name === 'TIMED_OUT') return 'Délai dépassé : le workflow a dépassé sa limite de temps';
  return d.status.name === 'TERMINATED' ? 'Arrêtée' : 'En échec';
}

/**
 * Marks an instance failed with the reason and closes what waited on it: its
 * open tasks (stamped with the failure's moment, so a retry opens them again)
 * and its message subscriptions. Only a running or incident row changes.
 */
export async function markFailed(trx: Knex.Transaction, row: { id: string; workflowId: string }, reason: string): Promise<{ failedAt: Date } | null> {
  const failedAt = new Date();
  const changed = await trx('processInstances').where({ id: row.id }).whereIn('status', ['running', 'incident'])
    .update({ status: 'failed', failureReason: reason.slice(0, 4000), failedAt, endedAt: failedAt, updatedAt: failedAt });
  if (!changed) return null;
  await trx('tasks').where({ instanceId: row.id, status: 'open' }).update({ status: 'cancelled', completedAt: failedAt, version: trx.raw('version + 1') });
  await trx('messageSubscriptions').where({ workflowId: row.workflowId }).delete();
  return { failedAt };
}

/** Back to running after a retry: the tasks the failure closed are open again. */
export async function markRetried(trx: Knex.Transaction, row: { id: string; failedAt: Date | null }): Promise<void> {
  await trx('processInstances').where({ id: row.id })
    .update({ status: 'running', failureReason: null, failedAt: null, endedAt: null, updatedAt: trx.fn.now() });
  if (row.failedAt) {
    await trx('tasks').where({ instanceId: row.id, status: 'cancelled', completedAt: row.failedAt }).whereNull('completedBy')
      .update({ status: 'open', completedAt: null, version: trx.raw('version + 1') });
  }
}

/** Rows the list shows as running or incident whose workflow failed: one visibility query for the page, then a describe of each one it names. */
export async function reconcileListed(client: Client, trx: Knex.Transaction, rows: Array<{ id: string; workflowId: string; status: string }>): Promise<Map<string, { reason: string; failedAt: Date }>> {
  const failed = new Map<string, { reason: string; failedAt: Date }>();
  const open = rows.filter((r) => r.status === 'running' || r.status === 'incident');
  // Business keys may hold quotes: such ids are left to the instance's own page.
  const listable = open.filter((r) => !/['\\]/.test(r.workflowId));
  if (!listable.length) return failed;
  const ids = listable.map((r) => `'${r.workflowId}'`).join(', ');
  const named = new Set<string>();
  for await (const run of client.workflow.list({ query: `WorkflowId IN (${ids}) AND ExecutionStatus IN ('Failed', 'Terminated', 'TimedOut')` })) named.add(run.workflowId);
  // A named workflow id may have failed in an earlier run only: its latest run decides.
  await Promise.all(listable.filter((r) => named.has(r.workflowId)).map(async (row) => {
    const reason = await failureOf(client, row.workflowId).catch(() => null);
    if (!reason) return;
    const marked = await markFailed(trx, row, reason);
    if (marked) failed.set(row.id, { reason, failedAt: marked.failedAt });
  }));
  return failed;
}

/**
 * Where a retry resets the workflow: the last workflow task completed before
 * the failure (for a failed workflow, the one before the task that failed
 * it), so the element that failed runs again. Null when there is none.
 */
export function resetPoint(events: HistoryEvent[], status: string): HistoryEvent['eventId'] | null {
  const completed = events.filter((e) => e.workflowTaskCompletedEventAttributes).map((e) => e.eventId);
  if (!completed.length) return null;
  if (status === 'FAILED' && completed.length > 1) return completed[completed.length - 2]!;
  return completed[completed.length - 1]!;
}

/** Resets the latest run to its reset point; answers the new run's id. */
export async function resetForRetry(client: Client, workflowId: string, by: string): Promise<{ runId: string } | null> {
  const handle = client.workflow.getHandle(workflowId);
  const d = await handle.describe();
  const history = await client.workflow.getHandle(workflowId, d.runId).fetchHistory();
  const eventId = resetPoint(history.events ?? [], d.status.name);
  if (eventId === null) return null;
  const reset = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace, workflowExecution: { workflowId, runId: d.runId },
    reason: `Retried by ${by}`, workflowTaskFinishEventId: eventId, requestId: crypto.randomUUID(),
  });
  return { runId: reset.runId ?? '' };
}
