import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { knexConfig } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import { recordKinds } from '../../domain/modules/registry';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant } from '../support/fixtures';

interface Hit { type: string; id: string; title: string; match: string }

/**
 * Mistyped queries through the search dictionary (`search_words`, migration 20261218000800, ADR
 * 0040): a typo finds its record by the close words of the tenant's own names, never another
 * tenant's, and the dictionary follows the names it is made of (a renamed or deleted name's words go).
 */
describe('global search: typos through the tenant\'s dictionary', () => {
  let t: TestContext;
  let admin: Knex;
  let app: Knex;
  let own: { tenantId: string; slug: string };
  let other: { tenantId: string; slug: string };
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    app = knexFactory(knexConfig(process.env.DATABASE_URL!, 1));
    own = await createOwnTenant(admin, 'search-typo');
    other = await createOwnTenant(admin, 'search-typo-other');
    const [bakery] = await admin('accounts').insert({ tenantId: own.tenantId, number: 1, name: 'Boulangerie Lefranc' }).returning('id');
    ids.bakery = bakery.id;
    const [contact] = await admin('contacts').insert({ tenantId: own.tenantId, accountId: bakery.id, firstName: 'Hortense', lastName: 'Vasseur' }).returning('id');
    ids.contact = contact.id;
    // Only in the other organisation: its words must never be read for this one.
    await admin('accounts').insert({ tenantId: other.tenantId, number: 1, name: 'Quincaillerie Zablocki' });
    token = (await loginAs(t.app, 'manager', own.slug)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await app.destroy();
    await admin.destroy();
  });

  const search = async (q: string): Promise<Hit[]> => {
    const res = await request(t.app).get('/api/v1/search').query({ q }).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const words = (tenantId: string) => withTenant({ tenantId }, async (trx) => (await trx('search_words').orderBy('word').pluck('word')) as string[], app);

  it('finds a record by a mistyped word of its name, as a similar match', async () => {
    expect(await search('lefrranc')).toEqual([expect.objectContaining({ id: ids.bakery, type: 'account', match: 'similar' })]);
    expect(await search('vaseur')).toEqual([expect.objectContaining({ id: ids.contact, type: 'contact', match: 'similar' })]);
    // A word the dictionary knows as it is narrows the typo's: only names holding « hortense » and a word close to « vaseur ».
    expect(await search('hortense vaseur')).toEqual([expect.objectContaining({ id: ids.contact, type: 'contact', match: 'similar' })]);
  });

  it('never suggests another organisation\'s names, and its words are not readable here', async () => {
    expect(await search('zablocky')).toEqual([]);
    expect(await words(own.tenantId)).toEqual(['boulangerie', 'hortense', 'lefranc', 'vasseur']);
    expect(await words(other.tenantId)).toEqual(['quincaillerie', 'zablocki']);
  });

  it('follows the names: a renamed or deleted name\'s words go, a word still held by another name stays', async () => {
    const [second] = await admin('accounts').insert({ tenantId: own.tenantId, number: 2, name: 'Lefranc Primeurs' }).returning('id');
    await admin('accounts').where({ id: ids.bakery }).update({ name: 'Boulangerie Marchal' });
    expect(await words(own.tenantId)).toEqual(['boulangerie', 'hortense', 'lefranc', 'marchal', 'primeurs', 'vasseur']);
    await admin('accounts').where({ id: second.id }).delete();
    expect(await words(own.tenantId)).toEqual(['boulangerie', 'hortense', 'marchal', 'vasseur']);
    expect(await search('lefrranc')).toEqual([]);
    expect(await search('marchall')).toEqual([expect.objectContaining({ id: ids.bakery, match: 'similar' })]);
  });

  it('every table a kind searches by its own name keeps the dictionary in step (its three triggers)', async () => {
    const tables = [...new Set(recordKinds().filter((k) => k.search?.names.includes('t.search_name')).map((k) => k.resource.table))];
    const rows: Array<{ table: string; count: string }> = (await admin.raw(
      "select c.relname as table, count(*) from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname like '%\\_search\\_words\\_%' group by 1")).rows;
    const triggers = new Map(rows.map((r) => [r.table, Number(r.count)]));
    expect(tables.filter((table) => triggers.get(table) !== 3)).toEqual([]);
  });
});
