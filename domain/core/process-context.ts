import type { Knex } from 'knex';
import { buildAbility, type Principal } from '../identity/ability';
import type { RequestContext } from './record-service';

/**
 * The context a process's service task acts in, to call the same domain
 * actions as the API: no user, only the permissions the task needs, on every
 * record of its organisation. What it writes is credited in the history to
 * the person the engine says the task acts for (`actorUserId`: who completed
 * the instance's latest user task, else who started it), with the process
 * instance's workflow id as its request id (the timeline names the process).
 */
export function processContext(trx: Knex.Transaction, tenantId: string, workflowId: string, permissions: readonly string[], actorUserId: string | null = null): RequestContext {
  const principal: Principal = {
    userId: null as unknown as string, tenantId, type: 'process', accountId: null, roles: [],
    grants: permissions.map((permission) => ({ permission, scope: 'all' as const })),
  };
  return { trx, principal, ability: buildAbility(principal), requestId: workflowId, actorUserId };
}
