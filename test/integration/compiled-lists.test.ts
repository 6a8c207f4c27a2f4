import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { ensureUser } from '../../db/seed';
import { hashPassword } from '../../domain/identity/passwords';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Lists whose statement is built once per shape and run with each request's
 * values (db/compiled-statement.ts, ADR 0032): every page, filter, cursor and
 * read scope answers what a statement built for the request answered.
 */
describe('lists compiled once per shape', () => {
  let t: TestContext;
  let org: OwnTenant;
  /** Accounts of the tenant by name: A0…A6; the partners own A1, A3 (first) and A5 (second). */
  const ids: Record<string, string> = {};
  let partners: Array<{ token: string; owns: string[] }>;

  beforeAll(async () => {
    t = testContext();
    org = await createOwnTenant(t.admin, 'compiled');
    const second = await ensureUser(t.admin, org.tenantId, {
      email: `partner2@${org.slug}.demo`, displayName: 'Second partner', type: 'partner', passwordHash: await hashPassword(DEMO_PASSWORD), roleKeys: ['partner'],
    });
    const owner = (i: number) => (i === 5 ? second : i % 2 === 1 ? org.userIds.partner : org.userIds.manager);
    for (let i = 0; i < 7; i++) {
      const [row] = await t.admin('accounts').insert({
        tenantId: org.tenantId, number: i + 1, name: `A${i}`, city: i < 4 ? 'Lorient' : 'Vannes', status: i === 6 ? 'prospect' : 'active',
        ownerId: owner(i), supportUserId: i === 0 ? null : org.userIds.manager,
      }).returning('id');
      ids[`A${i}`] = row.id;
    }
    const login = async (email: string) => (await request(t.app).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD, tokenTransport: 'body' })).body.accessToken as string;
    partners = [
      { token: (await loginAs(t.app, 'partner', org.slug)).accessToken, owns: ['A1', 'A3'] },
      { token: await login(`partner2@${org.slug}.demo`), owns: ['A5'] },
    ];
  });
  afterAll(() => t.close());

  const names = (items: Array<{ id: string }>) => items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));

  /** Every page of a list, following its cursors. */
  async function allPages(token: string, path: string): Promise<string[]> {
    const seen: string[] = [];
    let url = path;
    for (let page = 0; page < 20; page++) {
      const res = await request(t.app).get(url).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      seen.push(...names(res.body.items) as string[]);
      if (!res.body.nextCursor) return seen;
      url = `${path}&cursor=${res.body.nextCursor}`;
    }
    throw new Error('more than 20 pages');
  }

  it('pages through every sort with its cursor, in order, each record once', async () => {
    const { accessToken } = await loginAs(t.app, 'manager', org.slug);
    const all = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6'];
    expect(await allPages(accessToken, '/api/v1/accounts?limit=2&sort=name')).toEqual(all);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=3&sort=-name')).toEqual([...all].reverse());
    expect(await allPages(accessToken, '/api/v1/accounts?limit=2&sort=number')).toEqual(all);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=4&sort=-number')).toEqual([...all].reverse());
    expect((await allPages(accessToken, '/api/v1/accounts?limit=2&sort=-createdAt')).sort()).toEqual(all);
  });

  it('binds each request\'s filter values, `null` included, to the statement of its shape', async () => {
    const { accessToken } = await loginAs(t.app, 'manager', org.slug);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=2&city=Lorient')).toEqual(['A0', 'A1', 'A2', 'A3']);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=2&city=Vannes')).toEqual(['A4', 'A5', 'A6']);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=2&city=Vannes&status=active')).toEqual(['A4', 'A5']);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=2&status=active&city=Lorient')).toEqual(['A0', 'A1', 'A2', 'A3']);
    expect(await allPages(accessToken, '/api/v1/accounts?limit=5&supportUserId=null')).toEqual(['A0']);
    expect(await allPages(accessToken, `/api/v1/accounts?limit=5&supportUserId=${org.userIds.manager}&city=Vannes`)).toEqual(['A4', 'A5', 'A6']);
    expect(await allPages(accessToken, `/api/v1/accounts?limit=5&ownerId=${org.userIds.partner}`)).toEqual(['A1', 'A3']);
  });

  it('binds each user\'s read scope: two partners of the same shape see their own accounts only', async () => {
    for (let round = 0; round < 2; round++) {
      for (const partner of partners) {
        expect(await allPages(partner.token, '/api/v1/accounts?limit=1&sort=name')).toEqual(partner.owns);
        expect(await allPages(partner.token, '/api/v1/accounts?limit=5&city=Vannes')).toEqual(partner.owns.filter((n) => n === 'A5'));
      }
    }
  });

  it('names the first wrong filter, then a wrong cursor, as before; nothing is listed', async () => {
    const { accessToken } = await loginAs(t.app, 'manager', org.slug);
    const get = (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${accessToken}`);
    const unknown = await get('/api/v1/accounts?nope=1&ownerId=x&cursor=zz');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['nope']);
    const uuid = await get('/api/v1/accounts?ownerId=x&cursor=zz');
    expect(uuid.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([['ownerId', 'field.uuid-or-null']]);
    const cursor = await get(`/api/v1/accounts?sort=number&cursor=${Buffer.from(JSON.stringify(['abc', ids.A0])).toString('base64url')}`);
    expect(cursor.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([['cursor', 'field.cursor-other-sort']]);
  });
});
