import type { Knex } from 'knex';
import type { Grant, Principal, Scope } from './ability';

/**
 * Loads the user, their roles and the union of their roles' grants, in one
 * statement (every request does this). Null when inactive or gone, or when
 * the access token `tokenId` was ended by a logout: that check rides in the
 * same statement (a primary-key probe of revoked_access_tokens, run once).
 */
export async function loadPrincipal(trx: Knex.Transaction, tenantId: string, userId: string, tokenId?: string): Promise<Principal | null> {
  const qb = trx('users as u')
    .leftJoin('userRoles as ur', 'ur.userId', 'u.id')
    .leftJoin('roles as r', 'r.id', 'ur.roleId')
    .leftJoin('permissionGrants as g', 'g.roleId', 'r.id')
    .where({ 'u.id': userId, 'u.active': true })
    .select('u.id', 'u.type', 'u.accountId', 'r.key', 'g.permission', 'g.scope');
  if (tokenId) qb.whereRaw('not exists (select 1 from revoked_access_tokens x where x.jti = ?)', [tokenId]);
  const rows: Array<{ id: string; type: string; accountId: string | null; key: string | null; permission: string | null; scope: Scope | null }> = await qb;
  const user = rows[0];
  if (!user) return null;
  const roles = [...new Set(rows.map((r) => r.key).filter((k): k is string => k !== null))];
  const grants: Grant[] = rows.filter((r) => r.permission && r.scope).map((r) => ({ permission: r.permission!, scope: r.scope! }));
  return { userId: user.id, tenantId, type: user.type, accountId: user.accountId ?? null, roles, grants };
}
