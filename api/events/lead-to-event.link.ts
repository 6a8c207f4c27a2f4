import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../domain/core/record-service';
import { LEAD_TO_EVENT, leadToEventVariables } from '../../domain/events/lead-to-event';
import { getPlan } from '../../domain/process/definitions-service';
import { createInstanceRow, workflowIdOf } from '../../domain/process/instances-service';
import { processMessageSignal } from '../../workflows/engine/contract';
import type { ApiDeps } from '../http/deps';

/**
 * How the events records drive `events.lead-to-event`: a new client starts
 * it; later record changes tell it that a step's work is done (the message
 * interrupts the matching user task, wherever the work was done).
 */

/**
 * Starts the client's process in the same transaction as the client: if
 * Temporal cannot take it, the client is not created either and the caller
 * is told to try again. An organisation without the process deployed just
 * gets the record.
 */
export async function startLeadToEvent(deps: ApiDeps, ctx: RequestContext, client: { id: string; salesContactId: string | null }): Promise<void> {
  const plan = await getPlan(ctx.trx, LEAD_TO_EVENT);
  if (!plan) return;
  const row = await createInstanceRow(ctx, plan, client.id);
  try {
    await (await deps.temporal()).workflow.start('bpmnProcess', {
      workflowId: row.workflowId, taskQueue: deps.taskQueue,
      args: [{ tenantId: ctx.principal.tenantId, instanceId: row.id, businessKey: client.id, plan, variables: leadToEventVariables(client), startedBy: ctx.principal.userId }],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw error;
    // Nothing is saved (the transaction rolls back): say so, and that trying again is safe.
    throw new DomainError('The process engine cannot be reached, so the client was not created. Try again in a moment; if it lasts, tell your administrator.', 503, 'engine-unavailable');
  }
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
