import request from 'supertest';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

/**
 * POST /api/v1/<records>/bulk: one field set on many records, each through the record service
 * under the caller's permissions, with a report per record (done, or refused and why).
 */
describe('bulk actions on records', () => {
  let t: TestContext;
  let token: string;
  let tenant: string;
  let sales: string;
  const city = `Bulkville-${process.pid}-${Date.now()}`;
  const ids: string[] = [];

  beforeAll(async () => {
    t = testContext();
    token = (await loginAs(t.app, 'sales', 'epic-events')).accessToken;
    tenant = await tenantId(t.admin, 'epic-events');
    sales = await userId(t.admin, 'sales', 'epic-events');
    for (const name of ['Bulk Alpha', 'Bulk Beta', 'Bulk Gamma']) {
      const [row] = await t.admin('accounts').insert({ tenantId: tenant, number: 7_000_000 + Math.floor(Math.random() * 1_000_000), name, city, ownerId: sales, status: 'prospect' }).returning('id');
      ids.push(row.id);
    }
  });

  afterAll(() => t.close());

  const bulk = (body: object, language = 'fr') => request(t.app).post('/api/v1/accounts/bulk')
    .set('Authorization', `Bearer ${token}`).set('Accept-Language', language).send(body);

  it('sets the status of every account the list filter matches (read page after page on the server), and reports each one', async () => {
    const res = await bulk({ filter: { filters: { city } }, set: { status: 'active' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, ok: 3, refused: 0 });
    expect(res.body.items.map((i: { label: string }) => i.label.split(' · ')[1]).sort()).toEqual(['Bulk Alpha', 'Bulk Beta', 'Bulk Gamma']);
    const rows = await t.admin('accounts').whereIn('id', ids).select('status', 'version');
    expect(rows.every((r) => r.status === 'active' && r.version === 2)).toBe(true);
    const history = await t.admin('history').whereIn('recordId', ids).where({ action: 'update' });
    expect(history).toHaveLength(3);
  });

  it('reports a record it cannot reach as refused with its reason, and still does the others', async () => {
    const other = await t.admin('accounts').where('tenantId', '<>', tenant).first('id');
    const res = await bulk({ ids: [ids[0], other.id], set: { status: 'suspended' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, ok: 1, refused: 1 });
    const refused = res.body.items.find((i: { ok: boolean }) => !i.ok);
    expect(refused.id).toBe(other.id);
    // Not named: the caller cannot see it.
    expect(refused.label).toBe(other.id);
    expect(refused.message).toMatch(/introuvable/i);
    expect((await t.admin('accounts').where({ id: ids[0] }).first('status')).status).toBe('suspended');
  });

  it('writes the refusals in the language of Accept-Language', async () => {
    const other = await t.admin('accounts').where('tenantId', '<>', tenant).first('id');
    const res = await bulk({ ids: [other.id], set: { status: 'active' } }, 'en');
    expect(res.body.items[0].message).toMatch(/not found/i);
  });

  it('refuses a field the kind does not change in bulk, an invalid value, or both ids and a filter, changing nothing', async () => {
    const before = await t.admin('accounts').whereIn('id', ids).select('name', 'status', 'version');
    const field = await bulk({ ids, set: { name: 'Renamed' } });
    expect(field.status).toBe(400);
    expect(JSON.stringify(field.body.errors)).toMatch(/status/);
    expect((await bulk({ ids, set: { status: 'nonsense' } })).status).toBe(400);
    expect((await bulk({ ids, filter: { filters: { city } }, set: { status: 'active' } })).status).toBe(400);
    expect((await bulk({ ids: ['not-a-uuid'], set: { status: 'active' } })).status).toBe(400);
    expect(await t.admin('accounts').whereIn('id', ids).select('name', 'status', 'version')).toEqual(before);
  });
});
