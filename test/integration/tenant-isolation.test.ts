import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';

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
    expect(create.body.errors).toEqual([{ field: 'accountId', message: 'refers to no account you can see' }]);
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
});
