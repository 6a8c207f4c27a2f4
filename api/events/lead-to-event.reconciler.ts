import type { Knex } from 'knex';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { logger } from '../../config/logger';
import { tenantsWithVertical, withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import { ConflictError, DomainError } from '../../domain/errors';
import { LEAD_TO_EVENT } from '../../domain/events/lead-to-event';
import type { ClientStanding } from '../../domain/events/lead-to-event-join';
import { getPlan, retirementOf } from '../../domain/process/definitions-service';
import type { ApiDeps } from '../http/deps';
import { joinLeadToEvent } from './lead-to-event.link';

/**
 * Run once when the API starts (the events module's `onStart`): in every
 * organisation with Epic Events, each client that has no `events.lead-to-event`
 * instance and is not done joins its process where its records stand
 * (joinLeadToEvent; done = its latest event closed, or over for longer than
 * the closing window). Such clients are those written without the API: the
 * demo book, seeded before Temporal is up, and clients of the legacy import.
 *
 * Idempotent across restarts and replicas: a client with an instance row
 * (running or finished) is skipped, and a second start of the same client
 * meets the instance row's unique workflow id or Temporal's, and is skipped.
 * Temporal unreachable: logged, nothing started; the next start tries again.
 */
export async function joinWaitingClients(deps: ApiDeps, options: { tenantIds?: readonly string[]; now?: Date } = {}): Promise<{ joined: number }> {
  const tenantIds = options.tenantIds ?? await tenantsWithVertical('events', deps.knex);
  if (!tenantIds.length) return { joined: 0 };
  try {
    await deps.temporal();
  } catch (error) {
    logger.warn({ err: error }, 'Temporal is unreachable: Epic Events clients without their process join it at the next start of the API');
    return { joined: 0 };
  }
  let joined = 0;
  for (const tenantId of tenantIds) {
    const waiting = await withTenant({ tenantId }, (trx) => waitingClients(trx), deps.knex);
    let here = 0;
    for (const { client, standing } of waiting) {
      try {
        const result = await withTenant({ tenantId }, (trx) => joinLeadToEvent(
          deps, processContext(trx, tenantId, `${LEAD_TO_EVENT}/join`, ['process.instance.create']), client, standing,
          { records: 'committed', now: options.now },
        ), deps.knex);
        if (result.joined) here++;
      } catch (error) {
        if (alreadyJoined(error)) continue;
        if (error instanceof DomainError && error.type === 'engine-unavailable') {
          logger.warn({ tenantId }, 'Temporal stopped answering: the remaining Epic Events clients join their process at the next start of the API');
          return { joined: joined + here };
        }
        logger.error({ err: error, tenantId, clientId: client.id }, 'an Epic Events client could not join its lead-to-event process');
      }
    }
    if (here) logger.info({ tenantId, joined: here }, 'Epic Events clients joined their lead-to-event process where their records stand');
    joined += here;
  }
  return { joined };
}

/** Another replica (or an earlier start) got there first. */
function alreadyJoined(error: unknown): boolean {
  return error instanceof ConflictError || error instanceof WorkflowExecutionAlreadyStartedError
    || (error as { code?: string } | null)?.code === '23505';
}

/**
 * The clients of the tenant in scope without any lead-to-event instance, with
 * their latest contract (by number) and its latest event. None when the
 * process is not deployed or is retired: records only, as for new clients.
 */
async function waitingClients(trx: Knex.Transaction): Promise<Array<{ client: { id: string; salesContactId: string | null }; standing: ClientStanding }>> {
  if (!(await getPlan(trx, LEAD_TO_EVENT)) || await retirementOf(trx, LEAD_TO_EVENT)) return [];
  const clients: Array<{ id: string; salesContactId: string | null }> = await trx('eventClients as c')
    .whereNotExists(trx('processInstances as p').where('p.processKey', LEAD_TO_EVENT).whereRaw('p.business_key = c.id::text'))
    .orderBy('c.number').select('c.id', 'c.salesContactId');
  if (!clients.length) return [];
  const contracts: Array<{ id: string; clientId: string; signed: boolean }> = await trx('eventContracts')
    .whereIn('clientId', clients.map((c) => c.id)).distinctOn('clientId').orderBy([{ column: 'clientId' }, { column: 'number', order: 'desc' }])
    .select('id', 'clientId', 'signed');
  const events: Array<NonNullable<ClientStanding['event']> & { contractId: string }> = contracts.length ? await trx('eventEvents')
    .whereIn('contractId', contracts.map((k) => k.id)).distinctOn('contractId').orderBy([{ column: 'contractId' }, { column: 'number', order: 'desc' }])
    .select('id', 'contractId', 'startsAt', 'endsAt', 'supportContactId', 'closedAt') : [];
  const contractOf = new Map(contracts.map((k) => [k.clientId, k]));
  const eventOf = new Map(events.map((e) => [e.contractId, e]));
  return clients.map((client) => {
    const contract = contractOf.get(client.id);
    const event = contract ? eventOf.get(contract.id) : undefined;
    return {
      client,
      standing: {
        contract: contract ? { id: contract.id, signed: contract.signed } : null,
        event: event ? { id: event.id, startsAt: event.startsAt, endsAt: event.endsAt, supportContactId: event.supportContactId, closedAt: event.closedAt } : null,
      },
    };
  });
}
