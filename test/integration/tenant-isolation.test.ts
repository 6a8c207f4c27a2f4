import type { Knex } from 'knex';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';
import { createOwnTenant } from '../support/fixtures';

/**
 * Another tenant's data is never visible: through the API it answers 404 and
 * nothing changes; with the API bypassed, row-level security alone stops it.
 */
describe('tenant isolation', () => {
  let t: TestContext;
  let tokenA: string;
  let accountB: { id: string; name: string; version: number };
  let contactB: string;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    t = testContext();
    tokenA = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    tenantA = await tenantId(t.admin, 'softwhere');
    tenantB = await tenantId(t.admin, 'msp');
    accountB = await t.admin('accounts').where({ tenantId: tenantB }).orderBy('number').first('id', 'name', 'version');
    contactB = (await t.admin('contacts').where({ tenantId: tenantB }).first('id')).id;
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${tokenA}` });

  it('answers 404 when reading, updating or deleting another tenant\'s account, and changes nothing', async () => {
    expect((await request(t.app).get(`/api/v1/accounts/${accountB.id}`).set(auth())).status).toBe(404);
    const patch = await request(t.app).patch(`/api/v1/accounts/${accountB.id}`).set(auth()).set('If-Match', `"${accountB.version}"`).send({ name: 'hacked' });
    expect(patch.status).toBe(404);
    expect(patch.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await request(t.app).delete(`/api/v1/accounts/${accountB.id}`).set(auth())).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/accounts/${accountB.id}/history`).set(auth())).status).toBe(404);
    const after = await t.admin('accounts').where({ id: accountB.id }).first('name', 'version');
    expect(after).toEqual({ name: accountB.name, version: accountB.version });
  });

  it('answers 404 for another tenant\'s contact and refuses to attach a contact to another tenant\'s account', async () => {
    expect((await request(t.app).get(`/api/v1/contacts/${contactB}`).set(auth())).status).toBe(404);
    const before = await t.admin('contacts').where({ tenantId: tenantB }).count<{ count: number }[]>('* as count');
    const create = await request(t.app).post('/api/v1/contacts').set(auth()).send({ accountId: accountB.id, lastName: 'Intrus' });
    expect(create.status).toBe(400);
    expect(create.body.errors).toEqual([{ field: 'accountId', message: 'ne désigne aucun compte que vous pouvez voir', code: 'field.no-such-account' }]);
    const after = await t.admin('contacts').where({ tenantId: tenantB }).count<{ count: number }[]>('* as count');
    expect(after).toEqual(before);
  });

  it('never lists or finds another tenant\'s records', async () => {
    const list = await request(t.app).get('/api/v1/accounts?limit=200').set(auth());
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(accountB.id);
    const search = await request(t.app).get(`/api/v1/search?q=${encodeURIComponent(accountB.name)}`).set(auth());
    expect(search.status).toBe(200);
    expect(search.body.items.map((h: { accountId: string }) => h.accountId)).not.toContain(accountB.id);
    const filtered = await request(t.app).get(`/api/v1/contacts?accountId=${accountB.id}`).set(auth());
    expect(filtered.body.items).toEqual([]);
  });

  it('row-level security alone hides, protects and refuses cross-tenant rows when the API is bypassed', async () => {
    await withTenant({ tenantId: tenantA }, async (trx) => {
      expect(await trx('accounts').where({ id: accountB.id })).toEqual([]);
      expect(await trx('accounts').where({ tenantId: tenantB })).toEqual([]);
      expect(await trx('accounts').where({ id: accountB.id }).update({ name: 'hacked' })).toBe(0);
      expect(await trx('accounts').where({ id: accountB.id }).delete()).toBe(0);
      expect(await trx('users').where({ tenantId: tenantB })).toEqual([]);
      expect(await trx('history').where({ tenantId: tenantB })).toEqual([]);
    }, t.knex);
    await expect(withTenant({ tenantId: tenantA }, (trx) => trx('accounts').insert({ tenantId: tenantB, number: 9999, name: 'smuggled' }), t.knex))
      .rejects.toThrow(/row-level security/);
    // Without a tenant context the application role sees nothing at all.
    expect(await t.knex('accounts').select('id')).toEqual([]);
    const after = await t.admin('accounts').where({ id: accountB.id }).first('name');
    expect(after.name).toBe(accountB.name);
  });

  it('the application role cannot bypass row-level security', async () => {
    const result = await t.knex.raw('select rolbypassrls, rolsuper from pg_roles where rolname = current_user');
    expect(result.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
  });

  /**
   * Every table read from the catalogue, not a list someone keeps: a table
   * added with a tenant_id and no policy fails here.
   */
  describe('every table with a tenant_id column', () => {
    /** The base tables of the public schema that have a tenant_id column. */
    async function tenantTables(db: Knex): Promise<string[]> {
      const result = await db.raw(`select c.table_name as name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = 'public' and c.column_name = 'tenant_id' order by 1`);
      return result.rows.map((r: { name: string }) => r.name);
    }

    /** Those of `names` whose row-level security is off or not forced, or that have no policy comparing tenant_id with the request's tenant. */
    async function unprotected(db: Knex, names: string[]): Promise<Array<{ name: string; enabled: boolean; forced: boolean; tenantPolicy: boolean }>> {
      const result = await db.raw(`select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
          coalesce(bool_or(coalesce(p.qual, '') || coalesce(p.with_check, '') ~ 'tenant_id = app_tenant_id\\(\\)'), false) as "tenantPolicy"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        left join pg_policies p on p.schemaname = 'public' and p.tablename = c.relname
        where c.relname = any(?) and c.relkind = 'r' group by c.relname, c.relrowsecurity, c.relforcerowsecurity order by 1`, [names]);
      expect(result.rows).toHaveLength(names.length);
      return result.rows.filter((r: { enabled: boolean; forced: boolean; tenantPolicy: boolean }) => !r.enabled || !r.forced || !r.tenantPolicy);
    }

    let tables: string[];
    beforeAll(async () => { tables = await tenantTables(t.admin); });

    it('is found in the catalogue, the core and process tables among them', () => {
      expect(tables.length).toBeGreaterThan(20);
      expect(tables).toEqual(expect.arrayContaining(['accounts', 'contacts', 'sites', 'users', 'history', 'audit_log', 'process_instances', 'tasks', 'documents']));
    });

    it('has row-level security enabled and forced, and a policy comparing tenant_id with the request\'s tenant', async () => {
      expect(await unprotected(t.admin, tables)).toEqual([]);
    });

    it('would name a new table with a tenant_id and no policy, or with security not forced (checked in a rolled-back transaction)', async () => {
      const trx = await t.admin.transaction();
      try {
        await trx.raw('create table isolation_probe_bare (id int primary key, tenant_id uuid not null)');
        await trx.raw('create table isolation_probe_unforced (id int primary key, tenant_id uuid not null)');
        await trx.raw('alter table isolation_probe_unforced enable row level security');
        await trx.raw('create policy tenant_isolation on isolation_probe_unforced using (tenant_id = app_tenant_id())');
        const found = await tenantTables(trx);
        expect(found).toEqual(expect.arrayContaining(['isolation_probe_bare', 'isolation_probe_unforced']));
        expect(await unprotected(trx, found)).toEqual([
          { name: 'isolation_probe_bare', enabled: false, forced: false, tenantPolicy: false },
          { name: 'isolation_probe_unforced', enabled: true, forced: false, tenantPolicy: true },
        ]);
      } finally {
        await trx.rollback();
      }
    });

    it('shows the application role, in one tenant, no row of any other tenant, in every table that holds rows', async () => {
      // A tenant of its own holds none of the rows the demo seeds and other test files wrote.
      const own = await createOwnTenant(t.admin, 'isolation-all');
      const checked: string[] = [];
      for (const table of tables) {
        const owners = await t.admin.raw('select tenant_id as "tenantId" from ?? where tenant_id is not null and tenant_id <> ? limit 1', [table, own.tenantId]);
        if (!owners.rows.length) continue;
        const other = owners.rows[0].tenantId as string;
        const readable = (await t.admin.raw("select has_table_privilege('relais_app', ?, 'SELECT') as ok", [table])).rows[0].ok;
        const seen = await withTenant({ tenantId: own.tenantId }, async (trx) => {
          if (!readable) return { foreign: 0, ofOther: 0 };
          const foreign = await trx.raw('select count(*)::int as n from ?? where tenant_id is distinct from ?', [table, own.tenantId]);
          return { foreign: foreign.rows[0].n as number, ofOther: 0 };
        }, t.knex);
        // In the other tenant's own context its rows are there: the policy filters, it does not just hide everything.
        if (readable) {
          seen.ofOther = await withTenant({ tenantId: other }, async (trx) => (await trx.raw('select count(*)::int as n from ?? where tenant_id = ?', [table, other])).rows[0].n as number, t.knex);
        }
        expect({ table, foreign: seen.foreign, ofOtherInItsOwnContext: readable ? seen.ofOther > 0 : 'not readable' })
          .toEqual({ table, foreign: 0, ofOtherInItsOwnContext: readable ? true : 'not readable' });
        checked.push(table);
      }
      // The tables the demo seeds and the other test files fill are checked with real rows, not only in the catalogue.
      expect(checked).toEqual(expect.arrayContaining(['accounts', 'contacts', 'sites', 'users', 'roles', 'permission_grants', 'user_roles', 'history', 'audit_log']));
    });
  });
});
