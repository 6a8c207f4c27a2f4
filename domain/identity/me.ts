import { z } from 'zod';
import type { Knex } from 'knex';
import type { AppAbility, Principal } from './ability';
import { fieldGroups, permissionResources } from '../modules/registry';
import { ACTIONS } from './permission-catalogue';

/** What the UI needs to shape itself: who I am, my organisation and what I may do. */
export async function describeMe(trx: Knex.Transaction, principal: Principal, ability: AppAbility) {
  const user = await trx('users').where({ id: principal.userId }).first('id', 'email', 'displayName', 'type', 'accountId');
  const tenant = await trx('tenants').where({ id: principal.tenantId }).first('id', 'slug', 'name', 'branding', 'verticals', 'locale', 'timeZone');
  const roles = await trx('roles').whereIn('key', principal.roles).select('key', 'labelFr', 'labelEn');
  const permissions: Record<string, string[]> = {};
  for (const [resource, subject] of Object.entries(permissionResources())) {
    const allowed = ACTIONS.filter((a) => ability.can(a, subject));
    if (allowed.length) permissions[resource] = allowed;
  }
  const scopes = principal.grants.map((g) => `${g.permission}:${g.scope}`).sort();
  const granted = Object.keys(fieldGroups()).filter((g) => principal.grants.some((x) => x.permission === `${g}.read`));
  return { user, tenant, roles, permissions, fieldGroups: granted, grants: scopes };
}

/** GET /auth/me. */
export const meView = z.object({
  user: z.looseObject({ id: z.string().uuid(), email: z.string(), displayName: z.string(), type: z.string(), accountId: z.string().uuid().nullable() }),
  tenant: z.looseObject({
    id: z.string().uuid(), slug: z.string(), name: z.string(), branding: z.record(z.string(), z.unknown()).nullable(),
    verticals: z.array(z.string()), locale: z.string().nullable(), timeZone: z.string().nullable(),
  }),
  roles: z.array(z.object({ key: z.string(), labelFr: z.string(), labelEn: z.string() })),
  permissions: z.record(z.string(), z.array(z.string())).describe('Per resource, the actions allowed'),
  fieldGroups: z.array(z.string()).describe('Field groups the user may read'),
  grants: z.array(z.string()).describe('`permission:scope`, sorted'),
});
