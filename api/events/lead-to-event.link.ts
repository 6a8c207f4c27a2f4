import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { ConflictError, DomainError } from '../../domain/errors';
import type { RequestContext } from '../../domain/core/record-service';
import { LEAD_TO_EVENT, leadToEventVariables } from '../../domain/events/lead-to-event';
import { messagesToJoin, type ClientStanding, type JoinMessage } from '../../domain/events/lead-to-event-join';
import { getPlan } from '../../domain/process/definitions-service';
import { createInstanceRow, workflowIdOf } from '../../domain/process/instances-service';
import { processMessageSignal } from '../../workflows/engine/contract';
import type { ApiDeps } from '../http/deps';
import { coreMessage } from '../../domain/i18n/core.messages';

/**
 * How the events records drive `events.lead-to-event`: a new client starts
 * it; later record changes tell it that a step's work is done (the message
 * interrupts the matching user task, wherever the work was done).
 */

/**
 * Starts the client's process in the same transaction as the client: if
 * Temporal cannot take it, the client is not created either and the caller
 * is told to try again. An organisation without the process deployed just
 * gets the record. `heard`: messages the instance has from its start (see
 * joinLeadToEvent).
 */
export async function startLeadToEvent(deps: ApiDeps, ctx: RequestContext, client: { id: string; salesContactId: string | null }, heard: readonly JoinMessage[] = []): Promise<void> {
  const plan = await getPlan(ctx.trx, LEAD_TO_EVENT);
  if (!plan) return;
  const row = await createInstanceRow(ctx, plan, client.id);
  const inbox = heard.map((m) => ({ name: m.name, correlationKey: client.id, variables: m.variables }));
  try {
    await (await deps.temporal()).workflow.start('bpmnProcess', {
      workflowId: row.workflowId, taskQueue: deps.taskQueue,
      args: [{
        tenantId: ctx.principal.tenantId, instanceId: row.id, businessKey: client.id, plan, variables: leadToEventVariables(client), startedBy: ctx.principal.userId,
        ...(inbox.length ? { inbox } : {}),
      }],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw error;
    // Nothing is saved (the transaction rolls back): say so, and that trying again is safe.
    throw new DomainError(coreMessage('error.engine-unavailable-client'), 503, 'engine-unavailable');
  }
}

/**
 * A client joins its process where its records stand (`messagesToJoin`):
 * nothing when it is done; otherwise its instance is started (unless one runs
 * already) and hears, in order, what its records say was done.
 *
 * - `records: 'committed'` (the reconciler: records written long ago): the
 *   messages are in the new instance's inbox from its first step, so start and
 *   catching up are one atomic act and no timer (the escalation 14 days before a
 *   start already past) can fire between two messages. A client whose instance
 *   runs already is left alone (ConflictError, as from startLeadToEvent).
 * - `records: 'this-transaction'` (the import: records written in the caller's
 *   transaction, which activities could not read yet): the instance starts in
 *   the transaction, and the messages are signalled after it commits
 *   (`afterCommit`), also to an instance that ran already.
 */
export async function joinLeadToEvent(
  deps: ApiDeps, ctx: RequestContext, client: { id: string; salesContactId: string | null }, standing: ClientStanding,
  options: { records: 'committed' | 'this-transaction'; now?: Date },
): Promise<{ joined: boolean; afterCommit?: () => Promise<void> }> {
  const messages = messagesToJoin(standing, options.now ?? new Date());
  if (!messages) return { joined: false };
  if (options.records === 'committed') {
    await startLeadToEvent(deps, ctx, client, messages);
    return { joined: true };
  }
  try {
    await startLeadToEvent(deps, ctx, client);
  } catch (error) {
    // The client's process already runs (an earlier event): it hears about this one all the same.
    if (!(error instanceof ConflictError)) throw error;
  }
  const tell = messages.map((m) => tellLeadToEvent(deps, ctx, client.id, m.name, m.variables));
  return { joined: true, afterCommit: tell.length ? async () => { for (const t of tell) await t(); } : undefined };
}

/** After the change commits: the client's process hears that `name` happened. A client without a running process is fine. */
export function tellLeadToEvent(deps: ApiDeps, ctx: RequestContext, clientId: string, name: string, variables: Record<string, unknown> = {}): () => Promise<void> {
  const workflowId = workflowIdOf(ctx.principal.tenantId, LEAD_TO_EVENT, clientId);
  return async () => {
    try {
      await (await deps.temporal()).workflow.getHandle(workflowId).signal(processMessageSignal, { name, correlationKey: clientId, variables });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
  };
}
