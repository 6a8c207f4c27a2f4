import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../../domain/core/record-service';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import type { OwnTenant } from './fixtures';

/** Runs a domain call as one of an organisation's demo roles, in its transaction (row-level security), as the API would. */
export function asRole(knex: Knex, tenant: OwnTenant, role: string) {
  return <T>(fn: (ctx: RequestContext) => Promise<T>): Promise<T> => withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    const principal = (await loadPrincipal(trx, tenant.tenantId, tenant.userIds[role]!))!;
    return fn({ trx, principal, ability: buildAbility(principal) });
  }, knex);
}
