import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import { createOwnTenant, uniqueName, type OwnTenant } from '../support/fixtures';

/**
 * Narrowed sessions (ADR 0054): a request's transaction takes `relais_narrowed` for a user a module narrows (a
 * telecom partner or reseller, anyone bound to a brand), `relais_app` for everyone else; the brand policies are
 * written for the narrowed role, so staff's statements are planned without them, and a brand-bound user still
 * reads only its brand's clients.
 */
describe('narrowed sessions', () => {
  let app: Knex;
  let admin: Knex;
  let tenant: OwnTenant;
  let accountA: string;
  let accountB: string;

  const roleOf = (userId: string | null) =>
    withTenant({ tenantId: tenant.tenantId, userId }, async (trx) => (await trx.raw('select current_user as r')).rows[0].r as string, app);
  const planOf = (userId: string) =>
    withTenant({ tenantId: tenant.tenantId, userId }, async (trx) => {
      const { rows } = await trx.raw("explain (verbose, costs off) select id from accounts where name = 'x'");
      return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    }, app);

  beforeAll(async () => {
    app = knexFactory(knexConfig(process.env.DATABASE_URL!, 2));
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    tenant = await createOwnTenant(admin, 'narrowing');
    const [brandA, brandB] = (await admin('telecomBrands').insert([
      { tenantId: tenant.tenantId, key: 'armor', name: 'Armor Télécom' }, { tenantId: tenant.tenantId, key: 'iroise', name: 'Iroise Connect' },
    ]).returning('id')).map((r: { id: string }) => r.id) as [string, string];
    const account = async (brandId: string, n: number) => {
      const [a] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: 8_000_000 + n, name: uniqueName('Client'), status: 'active' }).returning('id');
      await admin('telecomAccountProfiles').insert({ accountId: a.id, tenantId: tenant.tenantId, softwhereId: `SW-9${n}`, brandId });
      return a.id as string;
    };
    const n = Math.floor(Math.random() * 90_000) + 10_000;
    accountA = await account(brandA, n);
    accountB = await account(brandB, n + 1);
    // An internal user (not a partner) bound to a brand is narrowed too.
    await admin('telecomBrandUsers').insert({ tenantId: tenant.tenantId, userId: tenant.userIds['support-n1'], brandId: brandA });
  });

  afterAll(async () => {
    await app?.destroy();
    await admin?.destroy();
  });

  it('takes relais_app for staff and the worker, relais_narrowed for a partner and a brand-bound user', async () => {
    expect(await roleOf(tenant.userIds.manager!)).toBe('relais_app');
    expect(await roleOf(null)).toBe('relais_app');
    expect(await roleOf(tenant.userIds.partner!)).toBe('relais_narrowed');
    expect(await roleOf(tenant.userIds['support-n1']!)).toBe('relais_narrowed');
  });

  it("plans staff's reads without the brand policies and a partner's with them", async () => {
    expect(await planOf(tenant.userIds.manager!)).not.toContain('telecom_brand_scope');
    expect(await planOf(tenant.userIds.partner!)).toContain('telecom_brand_scope');
  });

  it("lets a brand-bound user read its brand's client only, and staff every client", async () => {
    const ids = (userId: string) => withTenant({ tenantId: tenant.tenantId, userId },
      async (trx) => (await trx('accounts').whereIn('id', [accountA, accountB]).pluck('id')).sort(), app);
    expect(await ids(tenant.userIds['support-n1']!)).toEqual([accountA]);
    expect(await ids(tenant.userIds.manager!)).toEqual([accountA, accountB].sort());
    // A partner bound to no brand reads neither (the organisation has brands; it owns and created none).
    expect(await ids(tenant.userIds.partner!)).toEqual([]);
  });

  it('leaves a statement outside any request narrowed: the login role inherits relais_narrowed', async () => {
    const { rows } = await app.raw("select pg_has_role(current_user, 'relais_narrowed', 'USAGE') as narrowed");
    expect(rows[0].narrowed).toBe(true);
  });
});
