import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { fleetName, operatorPort, type FleetType } from './fleet-kinds';
import { DEMO_BRANDS, DEMO_OFFERS } from './hierarchy-demo-catalogue';
import { demoHierarchy, LARGE_CLIENT } from './hierarchy-demo';

/**
 * The hierarchy's demo (issue 17): brands, the catalogue of plans and options, then — once — the reseller's
 * ~300 generated clients with their sites, billing sites and CFAST billing points, fleets and ~3,000 lines,
 * written in a few multi-row statements; the organisation's hand-written demo accounts (the client user's
 * company first) get a profile, a mobile fleet and lines too. Safe on every start: what exists is kept.
 */
async function insertChunked(admin: Knex | Knex.Transaction, table: string, rows: Array<Record<string, unknown>>, size = 1_000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await admin(table).insert(rows.slice(i, i + size));
}

async function ensureCatalogue(admin: Knex, tenantId: string, createdBy: string | null): Promise<{ brandIds: Record<string, string>; offerIds: Record<string, string> }> {
  await admin('telecomBrands').insert(DEMO_BRANDS.map((b) => ({ tenantId, key: b.key, name: b.name, createdBy }))).onConflict(['tenantId', 'key']).ignore();
  const brands = await admin('telecomBrands').where({ tenantId }).select('id', 'key');
  const brandIds = Object.fromEntries(brands.map((b) => [b.key, b.id])) as Record<string, string>;
  await admin('catalogueItems').insert(DEMO_OFFERS.map((o) => ({
    tenantId, kind: o.kind, code: o.code, name: o.name, unitPriceCents: o.sale, purchasePriceCents: o.purchase, vatRateBp: 2000, createdBy,
  }))).onConflict(['tenantId', 'code']).ignore();
  const items = await admin('catalogueItems').where({ tenantId }).whereIn('code', DEMO_OFFERS.map((o) => o.code)).select('id', 'code');
  const offerIds = Object.fromEntries(items.map((i) => [i.code, i.id])) as Record<string, string>;
  await admin('telecomOffers').insert(DEMO_OFFERS.map((o) => ({
    tenantId, catalogueItemId: offerIds[o.code], brandId: o.brand ? brandIds[o.brand] : null, fleetType: o.fleetType, operatorKey: o.operatorKey, operatorProductCode: o.productCode,
  }))).onConflict('catalogueItemId').ignore();
  return { brandIds, offerIds };
}

/** The hand-written demo accounts: a profile each, and a mobile fleet with a few lines (the client user sees its company's). */
async function completeDemoAccounts(admin: Knex, tenantId: string, createdBy: string | null, brandIds: Record<string, string>, offerIds: Record<string, string>): Promise<void> {
  const accounts = await admin('accounts as a').where('a.tenantId', tenantId)
    .whereNotExists((q) => q.select(admin.raw('1')).from('telecomAccountProfiles as p').whereRaw('p.account_id = a.id'))
    .orderBy('a.number').select('a.id', 'a.number');
  if (!accounts.length) return;
  await admin('telecomAccountProfiles').insert(accounts.map((a) => ({
    tenantId, accountId: a.id, softwhereId: `SW-${String(a.number).padStart(6, '0')}`, brandId: brandIds.softwhere, createdBy,
  })));
  const plan = DEMO_OFFERS.find((o) => o.code === 'TEL-MOB-OR-50')!;
  for (const [index, a] of accounts.entries()) {
    const site = await admin('sites').where({ tenantId, accountId: a.id }).orderBy('createdAt').first('id', 'billingSiteId');
    const type: FleetType = 'mobile';
    const [fleet] = await admin('telecomFleets').insert({
      tenantId, accountId: a.id, siteId: site?.id ?? null, billingSiteId: site?.billingSiteId ?? null, type, operatorKey: 'orange', name: fleetName(type, 'orange'), createdBy,
    }).onConflict().ignore().returning('id');
    if (!fleet) continue;
    await admin('telecomLines').insert([1, 2, 3].map((n) => ({
      tenantId, accountId: a.id, fleetId: fleet.id, siteId: site?.id ?? null, billingSiteId: site?.billingSiteId ?? null,
      number: `+3376${String(index).padStart(3, '0')}${String(n).padStart(4, '0')}`, userName: n === 1 ? 'Gérant' : `Mobile ${n}`,
      planId: offerIds[plan.code], status: 'active', salePriceCents: plan.sale, purchasePriceCents: plan.purchase, operatorKey: operatorPort('orange'),
      operatorRefs: JSON.stringify({ lineId: `SNAIC-L-9${String(index).padStart(3, '0')}${n}` }), billingRefs: JSON.stringify({ system: 'cfast', serviceId: `CFAST-SVC-D${index}${n}` }),
      activatedOn: '2025-03-01', createdBy,
    }))).onConflict().ignore();
  }
}

export async function seedHierarchyDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const { tenantId } = tenant;
  const ownerId = tenant.userIds.sales ?? tenant.userIds.manager ?? null;
  const { brandIds, offerIds } = await ensureCatalogue(admin, tenantId, ownerId);
  await completeDemoAccounts(admin, tenantId, ownerId, brandIds, offerIds);
  if (await admin('telecomAccountProfiles').where({ tenantId, softwhereId: LARGE_CLIENT.softwhereId }).first('accountId')) return;
  const max = await admin('accounts').where({ tenantId }).max('number as n').first();
  const firstNumber = Number(max?.n ?? 0) + 1;
  const data = demoHierarchy({ tenantId, firstNumber, ownerId, partnerId: tenant.userIds.partner ?? null, brandIds, offerIds });
  await admin.transaction(async (trx) => {
    await insertChunked(trx, 'accounts', data.accounts);
    await insertChunked(trx, 'contacts', data.contacts);
    await insertChunked(trx, 'billingSites', data.billingSites);
    await insertChunked(trx, 'sites', data.sites);
    await insertChunked(trx, 'contactAssignments', data.billingSites.map((b) => ({ tenantId, contactId: b.billingContactId, purpose: 'billing', billingSiteId: b.id })));
    await insertChunked(trx, 'telecomAccountProfiles', data.profiles);
    await insertChunked(trx, 'telecomBillingSiteRefs', data.billingRefs);
    await insertChunked(trx, 'telecomFleets', data.fleets);
    await insertChunked(trx, 'telecomLines', data.lines);
    await trx.raw(`insert into tenant_counters (tenant_id, name, value) values (?, 'account', ?)
      on conflict (tenant_id, name) do update set value = greatest(tenant_counters.value, excluded.value)`, [tenantId, firstNumber + data.accounts.length]);
  });
}
