import type { Knex } from 'knex';
import { hashPassword } from '../domain/identity/passwords';
import '../domain/installed-modules';
import { rolesForVerticals } from '../domain/identity/role-catalogue';
import { modulesOf } from '../domain/modules/registry';
import { DEMO_PASSWORD, DEMO_TENANTS, demoEmail, type DemoTenant } from './seeds/demo-tenants';
import { installShippedProcesses } from './seeds/shipped-processes';

/** Creates a tenant with the roles of its verticals, or updates them. Returns its id. */
export async function ensureTenant(admin: Knex, t: { slug: string; name: string; verticals: string[]; branding?: object }): Promise<string> {
  const [tenant] = await admin('tenants')
    .insert({ slug: t.slug, name: t.name, verticals: t.verticals, branding: JSON.stringify(t.branding ?? {}) })
    .onConflict('slug').merge(['name', 'verticals', 'branding'])
    .returning('id');
  const tenantId = tenant.id as string;
  for (const def of rolesForVerticals(t.verticals)) {
    const [r] = await admin('roles')
      .insert({ tenantId, key: def.key, labelFr: def.labelFr, labelEn: def.labelEn, vertical: t.verticals[0] })
      .onConflict(['tenantId', 'key']).merge(['labelFr', 'labelEn'])
      .returning('id');
    for (const g of def.grants) {
      await admin('permissionGrants').insert({ tenantId, roleId: r.id, permission: g.permission, scope: g.scope })
        .onConflict(['tenantId', 'roleId', 'permission']).merge(['scope']);
    }
  }
  return tenantId;
}

export async function ensureUser(admin: Knex, tenantId: string, u: {
  email: string; displayName: string; type: string; passwordHash: string; roleKeys: string[]; accountId?: string | null;
}): Promise<string> {
  const existing = await admin('users').where({ tenantId }).whereRaw('lower(email) = lower(?)', [u.email]).first('id');
  const userId: string = existing?.id ?? (await admin('users').insert({
    tenantId, email: u.email, displayName: u.displayName, type: u.type, passwordHash: u.passwordHash, accountId: u.accountId ?? null,
  }).returning('id'))[0].id;
  for (const key of u.roleKeys) {
    const r = await admin('roles').where({ tenantId, key }).first('id');
    if (r) await admin('userRoles').insert({ tenantId, userId, roleId: r.id }).onConflict().ignore();
  }
  return userId;
}

async function seedDemoTenant(admin: Knex, t: DemoTenant, passwordHash: string): Promise<void> {
  const tenantId = await ensureTenant(admin, t);
  const roleDefs = rolesForVerticals(t.verticals);
  const userIds: Record<string, string> = {};
  for (const def of roleDefs) {
    userIds[def.key] = await ensureUser(admin, tenantId, {
      email: demoEmail(def.key, t.slug), displayName: t.people[def.key] ?? def.labelFr, type: def.userType, passwordHash, roleKeys: [def.key],
    });
  }
  await seedDemoAccounts(admin, tenantId, t, userIds);
  for (const module of modulesOf(t.verticals)) await module.seedDemo?.(admin, { tenantId, slug: t.slug, userIds });
}

async function seedDemoAccounts(admin: Knex, tenantId: string, t: DemoTenant, userIds: Record<string, string>): Promise<void> {
  const already = await admin('accounts').where({ tenantId }).first('id');
  if (already) return;
  const owner = userIds.sales ?? userIds.manager ?? userIds['mission-lead'] ?? userIds.admin ?? userIds['school-office'] ?? null;
  const support = userIds.support ?? userIds['support-n1'] ?? userIds.auditor ?? userIds.technician ?? null;
  let number = 0;
  for (const a of t.accounts) {
    number += 1;
    const [account] = await admin('accounts').insert({
      tenantId, number, name: a.name, city: a.city, status: a.status, ownerId: owner, supportUserId: number === 1 ? support : null,
      country: 'FR', paymentTermsDays: 30, creditLimitCents: 500_000 * number, createdBy: owner,
    }).returning('id');
    const [billing] = await admin('billingSites').insert({ tenantId, accountId: account.id, name: `${a.name} — facturation`, city: a.city, createdBy: owner }).returning('id');
    for (const s of a.sites) await admin('sites').insert({ tenantId, accountId: account.id, billingSiteId: billing.id, name: s, city: a.city, createdBy: owner });
    for (const c of a.contacts) {
      const parts = c.split(' ');
      await admin('contacts').insert({ tenantId, accountId: account.id, firstName: parts.length > 1 ? parts.slice(0, -1).join(' ') : null, lastName: parts[parts.length - 1], createdBy: owner });
    }
    await admin('history').insert({ tenantId, recordType: 'account', recordId: account.id, action: 'create', actorUserId: owner, changes: JSON.stringify({ name: { before: null, after: a.name } }) });
    // The first account is the demo client's own company.
    if (number === 1 && userIds.client) await admin('users').where({ id: userIds.client }).update({ accountId: account.id });
  }
  await admin('tenantCounters').insert({ tenantId, name: 'account', value: number }).onConflict(['tenantId', 'name']).merge(['value']);
  if (userIds.partner) await admin('accounts').where({ tenantId, number: t.accounts.length }).update({ ownerId: userIds.partner });
}

/**
 * Seeds the demo organisations when RELAIS_DEMO is not 0 (core accounts, then
 * each module's demo data: `seedDemo` in its manifest), then gives every
 * organisation the shipped processes of its modules. Safe to run on every start.
 */
export async function seed(admin: Knex, options: { demo: boolean }): Promise<void> {
  if (options.demo) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const t of DEMO_TENANTS) await seedDemoTenant(admin, t, passwordHash);
  }
  await installShippedProcesses(admin);
}

export function demoLogins(): Array<{ tenant: string; role: string; email: string }> {
  return DEMO_TENANTS.flatMap((t) => rolesForVerticals(t.verticals).map((r) => ({ tenant: t.slug, role: r.labelFr, email: demoEmail(r.key, t.slug) })));
}
