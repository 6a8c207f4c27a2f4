import type { Knex } from 'knex';
import type { Grant, Principal, Scope } from './ability';

/** Loads the user, their roles and the union of their roles' grants. Null when inactive or gone. */
export async function loadPrincipal(trx: Knex.Transaction, tenantId: string, userId: string): Promise<Principal | null> {
  const user = await trx('users').where({ id: userId, active: true }).first('id', 'type', 'accountId');
  if (!user) return null;
  const rows: Array<{ key: string; permission: string | null; scope: Scope | null }> = await trx('userRoles as ur')
    .join('roles as r', 'r.id', 'ur.roleId')
    .leftJoin('permissionGrants as g', 'g.roleId', 'r.id')
    .where('ur.userId', userId)
    .select('r.key', 'g.permission', 'g.scope');
  const roles = [...new Set(rows.map((r) => r.key))];
  const grants: Grant[] = rows.filter((r) => r.permission && r.scope).map((r) => ({ permission: r.permission!, scope: r.scope! }));
  return { userId: user.id, tenantId, type: user.type, accountId: user.accountId ?? null, roles, grants };
}
