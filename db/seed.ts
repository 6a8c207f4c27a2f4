import type { Knex } from 'knex';
import { ACCOUNT_ONBOARDING, accountOnboardingVariables } from '../domain/core/account-onboarding';
import { hashPassword } from '../domain/identity/passwords';
import { requestProcessStart } from '../domain/process/start-requests';
import '../domain/installed-modules';
import { rolesForVerticals } from '../domain/identity/role-catalogue';
import { modulesOf } from '../domain/modules/registry';
import { foldAllSearchWords } from '../domain/search/search-words';
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

/** Inserts the row matched by `key` when absent, else fills only its empty columns (what a person changed stays). */
async function upsertFilling(admin: Knex, table: string, key: Record<string, unknown>, values: Record<string, unknown>): Promise<{ id: string; inserted: boolean }> {
  const existing = await admin(table).where(key).first();
  if (!existing) {
    const [row] = await admin(table).insert({ ...key, ...values }).returning('id');
    return { id: row.id as string, inserted: true };
  }
  const empty = Object.fromEntries(Object.entries(values).filter(([column, value]) => value !== undefined && (existing[column] === null || existing[column] === undefined)));
  if (Object.keys(empty).length) await admin(table).where({ id: existing.id }).update(empty);
  return { id: existing.id as string, inserted: false };
}

/**
 * The core records of a demo organisation: accounts with their identity, address and terms,
 * billing sites, sites and contacts, and what each contact is assigned to. Idempotent: each
 * record is found by its account and name and only completed, never duplicated or overwritten.
 */
export async function seedDemoAccounts(admin: Knex, tenantId: string, t: DemoTenant, userIds: Record<string, string>): Promise<void> {
  const owner = userIds.sales ?? userIds.manager ?? userIds['mission-lead'] ?? userIds.admin ?? userIds['school-office'] ?? null;
  const support = userIds.support ?? userIds['support-n1'] ?? userIds.auditor ?? userIds.technician ?? null;
  for (const [index, a] of t.accounts.entries()) {
    const existing = await admin('accounts').where({ tenantId, name: a.name }).first('id');
    const number = existing ? undefined : await nextAccountNumber(admin, tenantId);
    const account = await upsertFilling(admin, 'accounts', { tenantId, name: a.name }, {
      ...(number === undefined ? {} : { number, status: a.status, ownerId: a.unowned ? null : owner, supportUserId: index === 0 ? support : null, createdBy: owner }),
      legalName: a.legalName, siren: a.siren, siret: a.siret, vatNumber: a.vatNumber, email: a.email, phone: a.phone, website: a.website,
      addressLine1: a.addressLine1, postalCode: a.postalCode, city: a.city, country: 'FR',
      paymentTermsDays: a.paymentTermsDays ?? 30, creditLimitCents: 500_000 * (index + 1), notes: a.notes,
    });
    if (account.inserted) {
      await admin('history').insert({ tenantId, recordType: 'account', recordId: account.id, action: 'create', actorUserId: owner, changes: JSON.stringify({ name: { before: null, after: a.name } }) });
    }
    const billingSites = a.billingSites?.length ? a.billingSites : [{ name: `${a.name} — facturation`, city: a.city, addressLine1: a.addressLine1, postalCode: a.postalCode, billingEmail: a.email }];
    const billingIds = new Map<string, string>();
    for (const b of billingSites) {
      const { id } = await upsertFilling(admin, 'billingSites', { tenantId, accountId: account.id, name: b.name }, {
        externalRef: b.externalRef, billingEmail: b.billingEmail, addressLine1: b.addressLine1, postalCode: b.postalCode, city: b.city, country: 'FR', createdBy: owner,
      });
      billingIds.set(b.name, id);
    }
    const siteIds = new Map<string, string>();
    for (const s of a.sites) {
      const { id } = await upsertFilling(admin, 'sites', { tenantId, accountId: account.id, name: s.name }, {
        billingSiteId: billingIds.get(s.billingSite ?? billingSites[0].name), phone: s.phone, accessNotes: s.accessNotes,
        addressLine1: s.addressLine1, postalCode: s.postalCode, city: s.city ?? a.city, country: 'FR', createdBy: owner,
      });
      siteIds.set(s.name, id);
    }
    const contactIds = new Map<string, string>();
    for (const c of a.contacts) {
      const { id } = await upsertFilling(admin, 'contacts', { tenantId, accountId: account.id, firstName: c.firstName, lastName: c.lastName }, {
        jobTitle: c.jobTitle, email: c.email, phone: c.phone, mobile: c.mobile, createdBy: owner,
      });
      contactIds.set(`${c.firstName} ${c.lastName}`, id);
      if (c.mailConsent) {
        // The consent ledger (append-only): one grant, once.
        const granted = { tenantId, subjectKind: 'contact', subjectId: id, purpose: 'comms.marketing', channel: 'mail' };
        if (!(await admin('gdprConsentEntries').where(granted).first('id'))) {
          await admin('gdprConsentEntries').insert({ ...granted, decision: 'opt-in', source: 'form', sourceDetail: c.mailConsent, recordedBy: owner });
        }
      }
      for (const assignment of c.assign ?? []) {
        const target = { siteId: assignment.site ? siteIds.get(assignment.site) ?? null : null, billingSiteId: assignment.billingSite ? billingIds.get(assignment.billingSite) ?? null : null };
        const found = await admin('contactAssignments').where({ tenantId, contactId: id, purpose: assignment.purpose, ...target }).first('id');
        if (!found) await admin('contactAssignments').insert({ tenantId, contactId: id, purpose: assignment.purpose, ...target });
      }
    }
    for (const b of billingSites) {
      const contactId = 'billingContact' in b && b.billingContact ? contactIds.get(b.billingContact) : undefined;
      if (contactId) await admin('billingSites').where({ id: billingIds.get(b.name) }).whereNull('billingContactId').update({ billingContactId: contactId });
    }
    // A client just arrived: its onboarding starts when the API does (the engine is not up during the seed).
    if (a.onboarding) {
      await requestProcessStart(admin, tenantId, { processKey: ACCOUNT_ONBOARDING, businessKey: account.id, variables: accountOnboardingVariables(account.id) });
    }
    // The first account is the demo client's own company.
    if (index === 0 && userIds.client) await admin('users').where({ id: userIds.client }).whereNull('accountId').update({ accountId: account.id });
  }
  if (userIds.partner && t.accounts.length) {
    await admin('accounts').where({ tenantId, name: t.accounts[t.accounts.length - 1].name }).where({ ownerId: owner }).update({ ownerId: userIds.partner });
  }
}

/** The next account number of the organisation (the counter the API uses). */
async function nextAccountNumber(admin: Knex, tenantId: string): Promise<number> {
  const result = await admin.raw(
    `insert into tenant_counters (tenant_id, name, value) values (?, 'account', coalesce((select max(number) from accounts where tenant_id = ?), 0) + 1)
     on conflict (tenant_id, name) do update set value = greatest(tenant_counters.value, (select coalesce(max(number), 0) from accounts where tenant_id = ?)) + 1
     returning value`,
    [tenantId, tenantId, tenantId],
  );
  return result.rows[0].value as number;
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
    // The demo names' words in the typo search's dictionary now, not at the worker's next fold (ADR 0040).
    await foldAllSearchWords(admin);
  }
  await installShippedProcesses(admin);
}

export function demoLogins(): Array<{ tenant: string; role: string; email: string }> {
  return DEMO_TENANTS.flatMap((t) => rolesForVerticals(t.verticals).map((r) => ({ tenant: t.slug, role: r.labelFr, email: demoEmail(r.key, t.slug) })));
}
