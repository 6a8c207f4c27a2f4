import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { notifyProcess, startRequestedProcess, type RequestedStart } from '../process/requested-start';
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

export function startBreachResponse(knex: Knex, client: Client, taskQueue: string, tenantId: string, breachId: string): Promise<RequestedStart> {
  return startRequestedProcess(knex, client, taskQueue, tenantId, BREACH_RESPONSE, breachId);
}

/** Tells the breach's process what changed (delivered: an instance was waiting for it; else buffered for its next wait). */
export async function signalBreach(knex: Knex, temporal: () => Promise<Client>, tenantId: string, breachId: string, signal: BreachSignal): Promise<{ message: string; delivered: boolean }> {
  const name = signal.kind === 'assessed' ? BREACH_ASSESSED_MESSAGE : signal.kind === 'documented' ? BREACH_DOCUMENTED_MESSAGE : BREACH_NOTIFIED_MESSAGE;
  const variables = signal.kind === 'assessed' ? { assessment: { notifyAuthority: signal.notifyAuthority } } : {};
  const { delivered } = await notifyProcess(knex, temporal, tenantId, name, breachId, variables);
  return { message: name, delivered };
}
