import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { ProcessInput } from '../../kernel/process/engine-types';
import { getPlan, retirementOf } from './definitions-service';
import { ensureInstanceRow, workflowIdOf } from './instances-service';
import { bufferMessage } from './message-buffer';
import { deliverToSubscriber } from './message-delivery';
import { startProcessOnce } from './start-once';
import { claimStartRequestFor, markStartServed } from './start-requests';

/**
 * A shipped process started exactly once per record, after the action that asked for it committed (its
 * `process_start_requests` row, written in the action's transaction), and told of later changes by messages
 * correlated by the record's id (its business key). Generic form of what billing's dunning does
 * (domain/billing/dunning-start.ts); the engine away, the request is served when the API next starts.
 */
export type RequestedStart = 'started' | 'already-started' | 'not-requested' | 'not-installed';

/** How long a message nobody waits for yet is kept (the instance between two steps). */
const BUFFER_MS = 7 * 86_400_000;

export async function startRequestedProcess(knex: Knex, client: Client, taskQueue: string, tenantId: string, processKey: string, businessKey: string): Promise<RequestedStart> {
  const prepared = await withTenant({ tenantId }, async (trx) => {
    const request = await claimStartRequestFor(trx, processKey, businessKey);
    if (!request) return 'not-requested' as const;
    const plan = await getPlan(trx, processKey);
    if (!plan || await retirementOf(trx, processKey)) return 'not-installed' as const;
    const workflowId = workflowIdOf(tenantId, processKey, businessKey);
    const instanceId = await ensureInstanceRow(trx, { tenantId, workflowId, processKey, version: plan.version, businessKey, startedBy: null });
    return { request, workflowId, args: { tenantId, instanceId, businessKey, plan, variables: request.variables, startedBy: null } satisfies ProcessInput };
  }, knex);
  if (typeof prepared === 'string') return prepared;
  const started = await startProcessOnce(client, prepared.workflowId, taskQueue, prepared.args);
  await withTenant({ tenantId }, (trx) => markStartServed(trx, prepared.request.id), knex);
  return started ? 'started' : 'already-started';
}

/** Tells the instance waiting for `name` with this correlation key (delivered), or keeps it for its next wait (buffered). */
export async function notifyProcess(knex: Knex, temporal: () => Promise<Client>, tenantId: string, name: string, correlationKey: string, variables: Record<string, unknown> = {}): Promise<{ delivered: boolean }> {
  const message = { name, correlationKey, variables };
  return withTenant({ tenantId }, async (trx) => {
    if (await deliverToSubscriber(trx, temporal, tenantId, message)) return { delivered: true };
    await bufferMessage(trx, { tenantId, ...message, receivedBy: null }, BUFFER_MS);
    return { delivered: false };
  }, knex);
}
