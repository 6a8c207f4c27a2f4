import type { Knex } from 'knex';
import { buildAbility, type Principal } from '../identity/ability';
import type { RequestContext } from './record-service';

/**
 * The context a process's service task acts in, to call the same domain
 * actions as the API: no user, only the permissions the task needs, on every
 * record of its organisation. What it writes has no actor in the history,
 * and the process instance's workflow id as its request id.
 */
export function processContext(trx: Knex.Transaction, tenantId: string, workflowId: string, permissions: readonly string[]): RequestContext {
  const principal: Principal = {
    userId: null as unknown as string, tenantId, type: 'process', accountId: null, roles: [],
    grants: permissions.map((permission) => ({ permission, scope: 'all' as const })),
  };
  return { trx, principal, ability: buildAbility(principal), requestId: workflowId };
}
