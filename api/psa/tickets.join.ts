import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { logger } from '../../config/logger';
import { tenantsWithVertical, withTenant } from '../../db/tenant-scope';
import { getPlan, retirementOf } from '../../domain/process/definitions-service';
import { ensureInstanceRow, workflowIdOf } from '../../domain/process/instances-service';
import { startProcessOnce } from '../../domain/process/start-once';
import { JOINING_STATUSES, joinsTicketProcess, ticketJoinMessages } from '../../domain/psa/ticket-process-join';
import { TICKET_PROCESS, ticketProcessVariables } from '../../domain/psa/ticket-process';
import type { ApiDeps } from '../http/deps';

/** Temporal stopped answering mid-way: the remaining tickets join at the next start. */
class EngineAway extends Error {}

/**
 * Run when the API starts (the psa module's `onStart`), as the events reconciler is (ADR 0005):
 * in every organisation with the MSP, each ticket still being handled (open, in progress, waiting)
 * that has no `psa.ticket-to-invoice` instance row (running or finished) joins its process where
 * its record stands (domain/psa/ticket-process-join.ts). Such tickets were written without
 * `openTicket`: the demo, seeded before Temporal is up.
 *
 * Each ticket in its own transaction: its instance row (workflow id `<tenant>/psa.ticket-to-invoice/
 * <ticket id>`, as `openTicket`'s start uses), then its workflow started in the transaction with the
 * messages of its inbox, so a ticket never has a row without its workflow. Idempotent across
 * restarts and replicas: a ticket with a row is skipped, the row's unique workflow id and Temporal's
 * (never reused) make a second start a no-op. Temporal unreachable: logged, nothing started; the next
 * start tries again. Not deployed or retired process: nothing.
 */
export async function joinWaitingTickets(deps: ApiDeps, options: { tenantIds?: readonly string[] } = {}): Promise<{ joined: number }> {
  const tenantIds = options.tenantIds ?? await tenantsWithVertical('psa', deps.knex);
  if (!tenantIds.length) return { joined: 0 };
  let client: Client;
  try {
    client = await deps.temporal();
  } catch (error) {
    logger.warn({ err: error }, 'Temporal is unreachable: MSP tickets without their process join it at the next start of the API');
    return { joined: 0 };
  }
  let joined = 0;
  for (const tenantId of tenantIds) {
    const ticketIds = await withTenant({ tenantId }, (trx) => ticketsWithoutProcess(trx), deps.knex);
    let here = 0;
    for (const ticketId of ticketIds) {
      try {
        if (await withTenant({ tenantId }, (trx) => joinTicket(trx, client, deps.taskQueue, tenantId, ticketId), deps.knex)) here++;
      } catch (error) {
        if (error instanceof EngineAway) {
          logger.warn({ err: error.cause, tenantId }, 'Temporal stopped answering: the remaining MSP tickets join their process at the next start of the API');
          return { joined: joined + here };
        }
        // Another replica got there first (the row's unique workflow id).
        if ((error as { code?: string } | null)?.code === '23505') continue;
        logger.error({ err: error, tenantId, ticketId }, 'an MSP ticket could not join its ticket-to-invoice process');
      }
    }
    if (here) logger.info({ tenantId, joined: here }, 'MSP tickets joined their ticket-to-invoice process where their records stand');
    joined += here;
  }
  return { joined };
}

/** The tenant's tickets still being handled with no ticket-to-invoice instance row; none when the process is not deployed or retired. */
async function ticketsWithoutProcess(trx: Knex.Transaction): Promise<string[]> {
  if (!(await getPlan(trx, TICKET_PROCESS)) || await retirementOf(trx, TICKET_PROCESS)) return [];
  return trx('psaTickets as t').whereIn('t.status', JOINING_STATUSES)
    .whereNotExists(trx('processInstances as p').where('p.processKey', TICKET_PROCESS).whereRaw('p.business_key = t.id::text'))
    .orderBy('t.number').pluck('t.id');
}

/** One ticket: read again under a row lock (it may have moved on since the list), its row, its workflow. Answers whether this call started it. */
async function joinTicket(trx: Knex.Transaction, client: Client, taskQueue: string, tenantId: string, ticketId: string): Promise<boolean> {
  const ticket = await trx('psaTickets').where({ id: ticketId }).forUpdate().first();
  if (!ticket || !joinsTicketProcess(String(ticket.status))) return false;
  const workflowId = workflowIdOf(tenantId, TICKET_PROCESS, ticketId);
  if (await trx('processInstances').where({ workflowId }).first('id')) return false;
  const plan = await getPlan(trx, TICKET_PROCESS);
  if (!plan) return false;
  const instanceId = await ensureInstanceRow(trx, { tenantId, workflowId, processKey: TICKET_PROCESS, version: plan.version, businessKey: ticketId, startedBy: null });
  const inbox = ticketJoinMessages({ id: ticketId, status: String(ticket.status) }).map((m) => ({ name: m.name, correlationKey: ticketId, variables: m.variables }));
  try {
    return await startProcessOnce(client, workflowId, taskQueue, {
      tenantId, instanceId, businessKey: ticketId, plan, variables: ticketProcessVariables(ticket), startedBy: null, ...(inbox.length ? { inbox } : {}),
    });
  } catch (error) {
    // Nothing is kept (the row rolls back with the transaction): the ticket joins at the next start.
    throw new EngineAway('the ticket-to-invoice start was refused', { cause: error });
  }
}
