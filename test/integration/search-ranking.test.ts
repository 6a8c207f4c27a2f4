import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { knexConfig } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import { foldSearchWords } from '../../domain/search/search-words';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant } from '../support/fixtures';

interface Hit { type: string; id: string; title: string; match: string; score: number }

const ORDER = ['exact', 'prefix', 'words', 'similar', 'phone'];

/**
 * The global search's ranking (domain/search/search-service.ts): the exact
 * name first, then names starting with the query, then words (whole words
 * before words the query only starts), then similar names, then phone numbers;
 * within each, the closest name first. An organisation of its own, so no other
 * record competes.
 */
describe('global search ranking', () => {
  let t: TestContext;
  let admin: Knex;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    const own = await createOwnTenant(admin, 'search-rank');
    let number = 40;
    const account = async (key: string, name: string, phone: string | null = null) => {
      const [row] = await admin('accounts').insert({ tenantId: own.tenantId, number: ++number, name, phone }).returning('id');
      ids[key] = row.id;
      return row.id as string;
    };
    await account('exact', 'Garnier');
    await account('prefix', 'Garnier & Fils');
    await account('words', 'Boulangerie Garnier');
    await account('wordStart', 'Garniérot Transports');
    await account('similar', 'Gaarnier');
    const other = await account('other', 'Plomberie Moreau');
    const [contact] = await admin('contacts').insert({ tenantId: own.tenantId, accountId: other, firstName: 'Jean', lastName: 'Garnier' }).returning('id');
    ids.contact = contact.id;

    await account('phoneExact', '0612 3456');
    await account('phoneWords', 'Taxi 0612 3456');
    await account('phoneSimilar', '0612 3457');
    const [byPhone] = await admin('contacts').insert({ tenantId: own.tenantId, accountId: other, lastName: 'Vidal', phone: '+33612345678' }).returning('id');
    ids.byPhone = byPhone.id;
    // The names' words in the typo search's dictionary, as the every-minute fold would put them (ADR 0040).
    await withTenant({ tenantId: own.tenantId }, (trx) => foldSearchWords(trx, own.tenantId), admin);
    token = (await loginAs(t.app, 'manager', own.slug)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await admin.destroy();
  });

  const search = async (q: string): Promise<Hit[]> => {
    const res = await request(t.app).get('/api/v1/search').query({ q }).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const key = (hit: Hit) => Object.entries(ids).find(([, id]) => id === hit.id)?.[0];

  it('puts the exact name first, then the names starting with it, then words, then similar names', async () => {
    const hits = await search('garnier');
    expect(hits.map(key)).toEqual(['exact', 'prefix', 'contact', 'words', 'wordStart', 'similar']);
    expect(hits.map((h) => h.match)).toEqual(['exact', 'prefix', 'words', 'words', 'words', 'similar']);
  });

  it('ranks the same whatever the accents and the case of the query', async () => {
    const plain = (await search('garnier')).map(key);
    expect((await search('GARNIÉR')).map(key)).toEqual(plain);
  });

  it('puts phone numbers last, after the names and words a number-looking query matches', async () => {
    const hits = await search('0612 3456');
    expect(hits.map(key)).toEqual(['phoneExact', 'phoneWords', 'phoneSimilar', 'byPhone']);
    expect(hits.map((h) => h.match)).toEqual(['exact', 'words', 'similar', 'phone']);
  });

  it('orders every answer by match, then by closeness of the name', async () => {
    for (const q of ['garnier', 'garn', 'gardner', '0612 3456', '06 12 34 56', 'fils', 'le ga']) {
      const hits = await search(q);
      const ranks = hits.map((h) => ORDER.indexOf(h.match));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      for (let i = 1; i < hits.length; i++) {
        if (hits[i]!.match === hits[i - 1]!.match && hits[i]!.match !== 'words') expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      }
    }
  });

  it('finds an account by its number as an exact match', async () => {
    const [first] = await search('43');
    expect(first).toMatchObject({ id: ids.words, match: 'exact', type: 'account' });
  });
});
