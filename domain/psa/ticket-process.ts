import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { ProcessInput } from '../../kernel/process/engine-types';
import { processMessageSignal } from '../../workflows/engine/contract';
import { getPlan, retirementOf } from '../process/definitions-service';
import { ensureInstanceRow, workflowIdOf } from '../process/instances-service';
import { bufferMessage, lockMessageKey, MAX_MESSAGE_TTL_MS } from '../process/message-buffer';
import { startProcessOnce } from '../process/start-once';
import { claimStartRequestFor, markStartServed, requestProcessStart } from '../process/start-requests';

/**
 * How a ticket drives its process, `psa.ticket-to-invoice` (the BPMN is helper 4's,
 * workflows/psa/), durably: accepted work is never lost.
 *
 * - Start: `openTicket` asks for the instance in the ticket's own transaction (a
 *   `process_start_requests` row, business key = the ticket's id); once that committed,
 *   `startTicketProcess` starts it (workflow id `<tenant>/psa.ticket-to-invoice/<ticket id>`, never
 *   reused). A start that could not run then (the engine away, the process not deployed yet) is
 *   served when the API next starts (api/process/start-requests.ts).
 * - Messages: every change the process cares about is written, in the ticket's transaction, as a
 *   buffered process message (correlation key = the ticket's id, kept 7 days, Camunda's maximum).
 *   A catch event that starts waiting later takes it from the buffer (oldest first). Once the
 *   change committed, `deliverTicketMessages` hands the messages to an instance already waiting
 *   for them (a signal) and marks them consumed by it; what could not be handed then (the engine
 *   away) is handed when the API next starts (`deliverWaitingTicketMessages`).
 *
 * The messages (name → when; variables), for the diagram's catch events:
 */
export const TICKET_PROCESS = 'psa.ticket-to-invoice';

export const TICKET_MESSAGES = {
  /** Assigned to a technician (triage done): `{ assigneeId, teamId, queueId }`. Also on a change of assignee. */
  assigned: 'psa.ticket-assigned',
  /** A technician's first public reply (the response target is met): `{ firstResponseAt }`. */
  firstResponse: 'psa.ticket-first-response',
  /** The priority changed (the targets change): `{ priority }`. */
  priorityChanged: 'psa.ticket-priority-changed',
  /** Open → in progress (work started): `{ status }`. */
  started: 'psa.ticket-started',
  /** → waiting (for the client: the SLA clock pauses): `{ status: 'waiting' }`. */
  waiting: 'psa.ticket-waiting',
  /** Waiting → anything else (the SLA clock runs again; sent before `resolved` / `closed` when those follow a wait): `{ status }`. */
  resumed: 'psa.ticket-resumed',
  /** → resolved (awaits the client's confirmation, or the auto-close after N days): `{ resolvedAt }`. */
  resolved: 'psa.ticket-resolved',
  /** Resolved → open / in progress (the client answered it is not fixed, or a technician reopened it): `{ status, by: 'client' | 'staff' }`. */
  reopened: 'psa.ticket-reopened',
  /** → closed: `{ closedAt, by: 'client' (confirmed in the portal) | 'staff' | 'process' (auto-close), fromStatus }`. */
  closed: 'psa.ticket-closed',
  /** The client wrote (portal or e-mail): `{ commentId, source }` (a waiting ticket is resumed by its status, not by this). */
  clientReplied: 'psa.ticket-client-replied',
  /**
   * Time of a closed ticket approved (or an approved entry corrected), its hour-bank deduction and the
   * pre-billing queue written in the same transaction (domain/psa/time-entries.ts): `{ timeEntryId,
   * approvedMinutes, billableAmountCents }`. Not sent for an open ticket: its process checks once closed.
   */
  timeApproved: 'psa.ticket-time-approved',
  /** Its pre-billing item invoiced by « Facturer » (domain/psa/prebilling.ts): `{ prebillingItemId, invoiceId }`. */
  invoiced: 'psa.ticket-invoiced',
} as const;
export type TicketMessageName = (typeof TICKET_MESSAGES)[keyof typeof TICKET_MESSAGES];

/** What the instance starts with (it reads the ticket for the rest). */
export function ticketProcessVariables(ticket: Record<string, unknown>): Record<string, unknown> & { ticketId: string } {
  return { ticketId: String(ticket.id), accountId: ticket.accountId, priority: ticket.priority, contractId: ticket.contractId, slaPolicyId: ticket.slaPolicyId };
}

/** In the ticket's transaction: asks for its process (a second ask changes nothing). */
export async function requestTicketProcess(trx: Knex.Transaction, tenantId: string, variables: Record<string, unknown> & { ticketId: string }): Promise<void> {
  await requestProcessStart(trx, tenantId, { processKey: TICKET_PROCESS, businessKey: variables.ticketId, variables });
}

/** In the ticket's transaction: the message, kept until an instance takes it. Answers its id (for `deliverTicketMessages`). */
export async function queueTicketMessage(trx: Knex.Transaction, tenantId: string, ticketId: string, name: TicketMessageName, variables: Record<string, unknown> = {}): Promise<string> {
  await lockMessageKey(trx, tenantId, name, ticketId);
  const { id } = await bufferMessage(trx, { tenantId, name, correlationKey: ticketId, variables: { ...variables, ticketId }, receivedBy: null }, MAX_MESSAGE_TTL_MS);
  return id;
}

/**
 * In the transaction that approved (or corrected) a ticket's time, the ticket locked: a closed
 * ticket's process, waiting for its time, is told (`psa.ticket-time-approved`); an open one is not,
 * it reads the time once closed. Answers the message's id, for `deliverTicketMessages`.
 */
export async function queueTimeApproved(trx: Knex.Transaction, tenantId: string, ticketId: string, variables: Record<string, unknown>): Promise<string[]> {
  const ticket = await trx('psaTickets').where({ id: ticketId }).first('status');
  return ticket?.status === 'closed' ? [await queueTicketMessage(trx, tenantId, ticketId, TICKET_MESSAGES.timeApproved, variables)] : [];
}

export type TicketProcessStart = 'started' | 'already-started' | 'not-requested' | 'not-installed';

/**
 * After the ticket committed: its instance's row, its workflow (Temporal never starts it twice), the
 * request marked served. Not deployed or retired in the organisation: the request waits.
 */
export async function startTicketProcess(knex: Knex, client: Client, taskQueue: string, tenantId: string, ticketId: string): Promise<TicketProcessStart> {
  const prepared = await withTenant({ tenantId }, async (trx) => {
    const request = await claimStartRequestFor(trx, TICKET_PROCESS, ticketId);
    if (!request) return 'not-requested' as const;
    const plan = await getPlan(trx, TICKET_PROCESS);
    if (!plan || await retirementOf(trx, TICKET_PROCESS)) return 'not-installed' as const;
    const workflowId = workflowIdOf(tenantId, TICKET_PROCESS, ticketId);
    const instanceId = await ensureInstanceRow(trx, { tenantId, workflowId, processKey: TICKET_PROCESS, version: plan.version, businessKey: ticketId, startedBy: null });
    return { request, workflowId, args: { tenantId, instanceId, businessKey: ticketId, plan, variables: request.variables, startedBy: null } satisfies ProcessInput };
  }, knex);
  if (typeof prepared === 'string') return prepared;
  const started = await startProcessOnce(client, prepared.workflowId, taskQueue, prepared.args);
  await withTenant({ tenantId }, (trx) => markStartServed(trx, prepared.request.id), knex);
  return started ? 'started' : 'already-started';
}

/**
 * Hands buffered ticket messages to the instance waiting for each, in order, and marks each consumed
 * by it (so the instance does not take it again from the buffer). A message nobody waits for stays
 * buffered for the instance's next wait. Answers how many were handed over.
 */
export async function deliverTicketMessages(knex: Knex, client: () => Promise<Client>, tenantId: string, messageIds: readonly string[]): Promise<number> {
  let delivered = 0;
  for (const id of messageIds) {
    const handed = await withTenant({ tenantId }, async (trx) => {
      const message = await trx('bufferedMessages').where({ id }).first('name', 'correlationKey');
      if (!message) return false;
      await lockMessageKey(trx, tenantId, message.name, message.correlationKey);
      const row = await trx('bufferedMessages').where({ id }).whereNull('consumedAt').where('expiresAt', '>', trx.fn.now()).first('name', 'correlationKey', 'variables');
      if (!row) return false;
      for (;;) {
        const subscription = await trx('messageSubscriptions').where({ messageName: row.name, correlationKey: row.correlationKey })
          .orderBy('createdAt').first('workflowId', 'elementId');
        if (!subscription) return false;
        try {
          await (await client()).workflow.getHandle(subscription.workflowId).signal(processMessageSignal, { name: row.name, correlationKey: row.correlationKey, variables: row.variables ?? {} });
        } catch (error) {
          // A subscription whose workflow no longer exists (terminated) is dropped, the next one tried.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
          await trx('messageSubscriptions').where({ workflowId: subscription.workflowId }).delete();
          continue;
        }
        await trx('bufferedMessages').where({ id }).update({ consumedAt: trx.fn.now(), consumedByWorkflowId: subscription.workflowId, consumedByElementId: subscription.elementId });
        return true;
      }
    }, knex);
    if (handed) delivered++;
  }
  return delivered;
}

/** When the API starts: the tenant's ticket messages still buffered that an instance already waits for (the API stopped before handing them). */
export async function deliverWaitingTicketMessages(knex: Knex, client: () => Promise<Client>, tenantId: string): Promise<number> {
  const ids = await withTenant({ tenantId }, (trx) => trx('bufferedMessages as b')
    .whereIn('b.name', Object.values(TICKET_MESSAGES)).whereNull('b.consumedAt').where('b.expiresAt', '>', trx.fn.now())
    .whereExists(trx('messageSubscriptions as s').whereRaw('s.message_name = b.name and s.correlation_key = b.correlation_key'))
    .orderBy([{ column: 'b.receivedAt' }, { column: 'b.id' }]).pluck('b.id'), knex);
  return deliverTicketMessages(knex, client, tenantId, ids);
}
