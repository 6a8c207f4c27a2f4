import type { Knex } from 'knex';
import { ForbiddenError } from '../errors';
import type { Grant, Principal } from './ability';
import { identityMessage } from './identity.messages';

/**
 * Nobody hands out power they do not hold. A role may be given to or taken
 * from a collaborator only by someone who holds every grant of that role at
 * least as widely (`all` covers `own` and `assigned`; `own` and `assigned`
 * cover only themselves).
 *
 * Separation of duties needs one exception, declared in the data: a role may
 * carry `identity.role.assign.<key>` (see `mayAssign`), which lets its
 * holders give role `<key>` to OTHER collaborators although they do not hold
 * all its grants (Epic Events' management hires sales staff but does not
 * sell). Never to themselves: that would be the escalation this rule stops.
 * Like Kubernetes' `bind` verb on a role.
 */
export const ASSIGN_PREFIX = 'identity.role.assign.';

/** The grant that lets a role's holders give `roleKeys` to others (for module role declarations). */
export function mayAssign(...roleKeys: string[]): Grant[] {
  return roleKeys.map((key) => ({ permission: `${ASSIGN_PREFIX}${key}`, scope: 'all' }));
}

function covers(held: readonly Grant[], needed: Grant): boolean {
  return held.some((h) => h.permission === needed.permission && (h.scope === 'all' || h.scope === needed.scope));
}

interface RoleFacts {
  key: string;
  labelFr: string;
  labelEn: string;
  grants: Grant[];
}

async function rolesByKey(trx: Knex.Transaction, keys: readonly string[]): Promise<Map<string, RoleFacts>> {
  const rows: Array<{ key: string; labelFr: string; labelEn: string; permission: string | null; scope: Grant['scope'] | null }> = await trx('roles as r')
    .leftJoin('permissionGrants as g', 'g.roleId', 'r.id')
    .whereIn('r.key', [...keys])
    .select('r.key', 'r.labelFr', 'r.labelEn', 'g.permission', 'g.scope');
  const out = new Map<string, RoleFacts>();
  for (const row of rows) {
    const role = out.get(row.key) ?? { key: row.key, labelFr: row.labelFr, labelEn: row.labelEn, grants: [] };
    if (row.permission && row.scope) role.grants.push({ permission: row.permission, scope: row.scope });
    out.set(row.key, role);
  }
  return out;
}

/** The grants of `role` that `actor` lacks; empty when the actor may hand it to `targetUserId`. */
function missingGrants(actor: Principal, role: RoleFacts, targetUserId: string | null): Grant[] {
  const missing = role.grants.filter((g) => !covers(actor.grants, g));
  if (missing.length === 0) return [];
  const delegated = targetUserId !== actor.userId && actor.grants.some((g) => g.permission === `${ASSIGN_PREFIX}${role.key}`);
  return delegated ? [] : missing;
}


/**
 * Refuses (403, naming the role) when the actor may not give or withdraw one
 * of `roleKeys` on `targetUserId` (null: a collaborator being created).
 * `why` says what the actor was doing, for the message.
 */
export async function assertMayHandOut(trx: Knex.Transaction, actor: Principal, roleKeys: readonly string[], targetUserId: string | null, why: 'assign' | 'manage'): Promise<void> {
  if (roleKeys.length === 0) return;
  const roles = await rolesByKey(trx, roleKeys);
  for (const key of roleKeys) {
    const role = roles.get(key);
    if (!role) continue;
    const missing = missingGrants(actor, role, targetUserId);
    if (missing.length === 0) continue;
    throw new ForbiddenError(identityMessage('roles.grants-beyond', {
      why, role: { key, fr: role.labelFr, en: role.labelEn }, self: targetUserId === actor.userId,
      missing: missing.slice(0, 3).map((g) => `${g.permission} (${g.scope})`), more: Math.max(0, missing.length - 3),
    }));
  }
}
