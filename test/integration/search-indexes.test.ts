import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant } from '../support/fixtures';

/**
 * Searches run as the application role, under row-level security: their
 * conditions must still be able to use the trigram and full-text indexes
 * (migrations 20261123000060 and 20261209000600). An organisation of 3,000 accounts and contacts
 * makes an index worth it; the plan shows whether the condition can use one.
 */
describe('search conditions under row-level security', () => {
  let app: Knex;
  let admin: Knex;
  let tenant: string;
  let slug: string;
  beforeAll(async () => {
    app = knexFactory(knexConfig(process.env.DATABASE_URL!, 2));
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    const own = await createOwnTenant(admin, 'search-idx');
    tenant = own.tenantId;
    slug = own.slug;
    const rows = Array.from({ length: 3000 }, (_, i) => ({ tenantId: tenant, number: i + 1, name: `Société ${i}` }));
    for (let i = 0; i < rows.length; i += 500) {
      const accounts = await admin('accounts').insert(rows.slice(i, i + 500)).returning('id');
      await admin('contacts').insert(accounts.map((a: { id: string }, j: number) => ({ tenantId: tenant, accountId: a.id, lastName: `M${i + j}` })));
    }
    // VACUUM, not only ANALYZE: it moves the rows just inserted out of the trigram indexes' pending lists, which the planner prices as read by every scan.
    await admin.raw('vacuum analyze accounts, contacts');
  });
  afterAll(async () => {
    await app.destroy();
    await admin.destroy();
  });

  async function plan(sql: string, bindings: string[]): Promise<string> {
    return withTenant({ tenantId: tenant }, async (trx) => {
      // Sequential scans priced out: whether an index can serve the condition at all, whatever the table's size.
      await trx.raw('set local enable_seqscan = off');
      const result = await trx.raw(`explain ${sql}`, bindings);
      return result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    }, app);
  }

  it('uses the trigram index of the stored search name for a name contains-match', async () => {
    const text = await plan("select id from accounts t where t.search_name like '%' || f_unaccent(lower(?)) || '%'", ['zqxw']);
    expect(text).toContain('accounts_search_name_trgm');
  });

  it('reads an exact or prefix name match as one range of the tenant\'s btree (collation "C")', async () => {
    const text = await plan('select id from accounts t where (t.search_name collate "C") >= f_unaccent(lower(?)) and (t.search_name collate "C") < f_unaccent(lower(?)) || \'0\'', ['zqxw', 'zqxw']);
    expect(text).toMatch(/Index (Only )?Scan using accounts_search_name on accounts/);
    expect(text).toMatch(/Index Cond: \(\(tenant_id = .*search_name.*>= 'zqxw'.*< 'zqxw0'/);
  });

  it('uses the full-text index for a French text query', async () => {
    const text = await plan("select id from accounts t where t.search @@ websearch_to_tsquery('french', f_unaccent(?))", ['zqxwv']);
    expect(text).toContain('accounts_search');
  });

  it('uses the trigram index of contact names (a generated column: COALESCE would stop it)', async () => {
    expect(await plan("select id from contacts t where t.search_name % f_unaccent(lower(?))", ['zqxwv'])).toContain('contacts_search_name_trgm');
  });

  it('ranks a bounded set of candidates, and the exact name still comes first among thousands of matches', async () => {
    await admin('accounts').insert({ tenantId: tenant, number: 99_999, name: 'Société' });
    const t: TestContext = testContext();
    try {
      const token = (await loginAs(t.app, 'manager', slug)).accessToken;
      const res = await request(t.app).get('/api/v1/search').query({ q: 'Société', limit: 5 }).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toMatchObject({ type: 'account', title: 'Société' });
      expect(res.body.items).toHaveLength(5);
    } finally {
      await t.close();
    }
  });
});
