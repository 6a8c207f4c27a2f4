import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { ProcessInput } from '../../kernel/process/engine-types';
import { getPlan, retirementOf } from '../process/definitions-service';
import { ensureInstanceRow, workflowIdOf } from '../process/instances-service';
import { bufferMessage } from '../process/message-buffer';
import { deliverToSubscriber } from '../process/message-delivery';
import { startProcessOnce } from '../process/start-once';
import { claimStartRequestFor, markStartServed } from '../process/start-requests';
import { BREACH_RESPONSE, type BreachSignal } from './breaches';

/**
 * The breach's process « Réponse à une violation de données » (`gdpr.breach-response`,
 * workflows/gdpr/breach-response.bpmn): started exactly once per breach after the declaration committed
 * (asked in its transaction; the engine away, served when the API next starts), and told of the changes
 * made from the breach's panel by messages correlated by the breach's id (the instance's business key).
 */
export const BREACH_ASSESSED_MESSAGE = 'gdpr.breach-assessed';
export const BREACH_DOCUMENTED_MESSAGE = 'gdpr.breach-documented';
export const BREACH_NOTIFIED_MESSAGE = 'gdpr.breach-notified';

/** How long a message nobody waits for yet is kept (the instance between two steps). */
const BUFFER_MS = 7 * 86_400_000;

export type BreachStart = 'started' | 'already-started' | 'not-requested' | 'not-installed';

export async function startBreachResponse(knex: Knex, client: Client, taskQueue: string, tenantId: string, breachId: string): Promise<BreachStart> {
  const prepared = await withTenant({ tenantId }, async (trx) => {
    const request = await claimStartRequestFor(trx, BREACH_RESPONSE, breachId);
    if (!request) return 'not-requested' as const;
    const plan = await getPlan(trx, BREACH_RESPONSE);
    if (!plan || await retirementOf(trx, BREACH_RESPONSE)) return 'not-installed' as const;
    const workflowId = workflowIdOf(tenantId, BREACH_RESPONSE, breachId);
    const instanceId = await ensureInstanceRow(trx, { tenantId, workflowId, processKey: BREACH_RESPONSE, version: plan.version, businessKey: breachId, startedBy: null });
    return { request, workflowId, args: { tenantId, instanceId, businessKey: breachId, plan, variables: request.variables, startedBy: null } satisfies ProcessInput };
  }, knex);
  if (typeof prepared === 'string') return prepared;
  const started = await startProcessOnce(client, prepared.workflowId, taskQueue, prepared.args);
  await withTenant({ tenantId }, (trx) => markStartServed(trx, prepared.request.id), knex);
  return started ? 'started' : 'already-started';
}

/** Tells the breach's process what changed (delivered: an instance was waiting for it; else buffered for its next wait). */
export async function signalBreach(knex: Knex, temporal: () => Promise<Client>, tenantId: string, breachId: string, signal: BreachSignal): Promise<{ message: string; delivered: boolean }> {
  const name = signal.kind === 'assessed' ? BREACH_ASSESSED_MESSAGE : signal.kind === 'documented' ? BREACH_DOCUMENTED_MESSAGE : BREACH_NOTIFIED_MESSAGE;
  const message = { name, correlationKey: breachId, variables: signal.kind === 'assessed' ? { assessment: { notifyAuthority: signal.notifyAuthority } } : {} };
  return withTenant({ tenantId }, async (trx) => {
    if (await deliverToSubscriber(trx, temporal, tenantId, message)) return { message: name, delivered: true };
    await bufferMessage(trx, { tenantId, ...message, receivedBy: null }, BUFFER_MS);
    return { message: name, delivered: false };
  }, knex);
}
