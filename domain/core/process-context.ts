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

/**
 * The context an import writes in, to call the same domain actions as the
 * API: the importing user (history by them and their request), with their
 * own grants plus the permissions an import right carries (`permissions`, at
 * the scope of the user's `importRight`: the records a migration creates).
 * Every check of the actions runs on that ability; the records written keep
 * the numbers the data gives, and each history entry notes `importedFrom`.
 * Undefined when the user does not hold the import right.
 */
export function importContext(ctx: RequestContext, importRight: string, permissions: readonly string[], importedFrom: string): RequestContext | undefined {
  const scopes = new Set(ctx.principal.grants.filter((g) => g.permission === importRight).map((g) => g.scope));
  const scope = (['all', 'own', 'assigned'] as const).find((s) => scopes.has(s));
  if (!scope) return undefined;
  const principal: Principal = { ...ctx.principal, grants: [...ctx.principal.grants, ...permissions.map((permission) => ({ permission, scope }))] };
  return { ...ctx, principal, ability: buildAbility(principal), importedFrom };
}
