import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';

/**
 * /api/v1/saved-views: the views people save on lists, kept on the server (any browser), shared
 * with the organisation when the owner says so; only the owner renames, shares or deletes one,
 * and another organisation never sees them — through the API and with the API bypassed.
 */
describe('saved views of lists', () => {
  let t: TestContext;
  let sales: { accessToken: string; userId: string; tenantId: string };
  let management: { accessToken: string; userId: string; tenantId: string };
  let outsider: { accessToken: string; userId: string; tenantId: string };
  const list = `accounts-t${process.pid}`;

  beforeAll(async () => {
    t = testContext();
    [sales, management, outsider] = await Promise.all([
      loginAs(t.app, 'sales', 'epic-events'), loginAs(t.app, 'management', 'epic-events'), loginAs(t.app, 'mission-lead', 'cassandre'),
    ]);
  });

  afterAll(() => t.close());

  const as = (who: { accessToken: string }, language = 'fr') => ({
    get: (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${who.accessToken}`).set('Accept-Language', language),
    post: (path: string, body: object) => request(t.app).post(path).set('Authorization', `Bearer ${who.accessToken}`).set('Accept-Language', language).send(body),
    patch: (path: string, body: object, version?: number) => {
      const req = request(t.app).patch(path).set('Authorization', `Bearer ${who.accessToken}`).set('Accept-Language', language);
      return (version === undefined ? req : req.set('If-Match', `"${version}"`)).send(body);
    },
    delete: (path: string) => request(t.app).delete(path).set('Authorization', `Bearer ${who.accessToken}`).set('Accept-Language', language),
  });
  const listed = async (who: { accessToken: string }, key = list) => {
    const res = await as(who).get(`/api/v1/saved-views?list=${key}`);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; name: string; mine: boolean; shared: boolean; ownerName: string; query: Record<string, string> }>;
  };
  const create = (who: { accessToken: string }, name: string, extra: object = {}) =>
    as(who).post('/api/v1/saved-views', { list, name, query: { q: 'Tours', sort: '-number', status: 'prospect' }, ...extra });

  it('saves a view of a list for its owner and lists it for that list only, the owner\'s first', async () => {
    const res = await create(sales, 'Prospects de Tours');
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ list, name: 'Prospects de Tours', query: { q: 'Tours', sort: '-number', status: 'prospect' }, shared: false, mine: true, ownerId: sales.userId, version: 1 });
    expect(res.body.ownerName).not.toBe('');
    expect((await listed(sales)).map((v) => v.name)).toContain('Prospects de Tours');
    expect(await listed(sales, `${list}-other`)).toEqual([]);
  });

  it('refuses a second view of the same name on the same list (whatever the case), in the reader\'s language', async () => {
    await create(sales, 'Doublon');
    const fr = await create(sales, 'DOUBLON');
    expect(fr.status).toBe(409);
    expect(fr.body.detail).toBe('Vous avez déjà une vue « DOUBLON » sur cette liste : choisissez un autre nom.');
    const en = await as(sales, 'en').post('/api/v1/saved-views', { list, name: 'doublon', query: {} });
    expect(en.status).toBe(409);
    expect(en.body.detail).toMatch(/already have a view named "doublon"/);
    expect((await listed(sales)).filter((v) => v.name.toLowerCase() === 'doublon')).toHaveLength(1);
  });

  it('names every faulty field of a bad request in French and writes nothing', async () => {
    const before = await t.admin('savedViews').count({ n: '*' }).first();
    const res = await as(sales).post('/api/v1/saved-views', { list: 'Not A Key!', name: '  ', query: { q: { nested: true } }, extra: 1 });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as Array<{ field: string; message: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['extra', 'list', 'name', 'query.q']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'name').message).toBe('est obligatoire');
    expect(res.body.title).toBe('Requête invalide');
    const tooMany = await as(sales).post('/api/v1/saved-views', { list, name: 'Trop', query: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, 'x'])) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'query' });
    expect(await t.admin('savedViews').count({ n: '*' }).first()).toEqual(before);
    expect((await as(sales).get('/api/v1/saved-views')).status).toBe(400);
  });

  it('renames a view at the version read: 428 without If-Match, 412 when stale', async () => {
    const { body: view } = await create(sales, 'À renommer');
    expect((await as(sales).patch(`/api/v1/saved-views/${view.id}`, { name: 'Renommée' })).status).toBe(428);
    const renamed = await as(sales).patch(`/api/v1/saved-views/${view.id}`, { name: 'Renommée' }, 1);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renommée', version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await as(sales).patch(`/api/v1/saved-views/${view.id}`, { name: 'Encore' }, 1);
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ name: 'Renommée', version: 2 });
    expect((await as(sales).patch(`/api/v1/saved-views/${view.id}`, {}, 2)).status).toBe(400);
    expect((await as(sales).patch(`/api/v1/saved-views/${view.id}`, { name: 'Prospects de Tours' }, 2)).status).toBe(409);
  });

  it('hides a colleague\'s view until it is shared; then shows it, but only its owner renames or deletes it', async () => {
    const { body: view } = await create(sales, 'Ma vue de vente');
    expect((await listed(management)).map((v) => v.id)).not.toContain(view.id);
    // Unshared: not there for the colleague at all.
    expect((await as(management).delete(`/api/v1/saved-views/${view.id}`)).status).toBe(404);
    expect((await as(management).patch(`/api/v1/saved-views/${view.id}`, { shared: true }, 1)).status).toBe(404);

    const shared = await as(sales).patch(`/api/v1/saved-views/${view.id}`, { shared: true }, 1);
    expect(shared.status).toBe(200);
    const seen = (await listed(management)).find((v) => v.id === view.id);
    expect(seen).toMatchObject({ name: 'Ma vue de vente', shared: true, mine: false, query: { q: 'Tours', sort: '-number', status: 'prospect' } });
    expect(seen!.ownerName).toBe(shared.body.ownerName);

    const refused = await as(management).delete(`/api/v1/saved-views/${view.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Seule la personne qui a enregistré cette vue peut la renommer, la partager ou la supprimer.');
    expect((await as(management).patch(`/api/v1/saved-views/${view.id}`, { name: 'Volée' }, 2)).status).toBe(403);
    expect(await t.admin('savedViews').where({ id: view.id }).first('name', 'version')).toEqual({ name: 'Ma vue de vente', version: 2 });

    // The colleague saves the same name on the same list: names are per person.
    expect((await create(management, 'Ma vue de vente')).status).toBe(201);
    expect((await listed(management)).filter((v) => v.name === 'Ma vue de vente').map((v) => v.mine)).toEqual([true, false]);
  });

  it('never shows a view to another organisation, shared or not, nor lets it change or delete one', async () => {
    const { body: view } = await create(sales, 'Partagée chez Epic', { shared: true });
    expect(await listed(outsider)).toEqual([]);
    expect((await as(outsider).delete(`/api/v1/saved-views/${view.id}`)).status).toBe(404);
    const patched = await as(outsider).patch(`/api/v1/saved-views/${view.id}`, { name: 'Piratée' }, 1);
    expect(patched.status).toBe(404);
    expect(patched.body.detail).toMatch(/introuvable/i);
    expect(await t.admin('savedViews').where({ id: view.id }).first('name')).toEqual({ name: 'Partagée chez Epic' });
  });

  it('keeps the same rules with the API bypassed: row-level security by tenant and by owner', async () => {
    const { body: mine } = await create(sales, 'Privée');
    const { body: open } = await create(sales, 'Ouverte', { shared: true });
    // Another organisation's connection sees none of them and cannot write one into this tenant.
    await withTenant({ tenantId: outsider.tenantId, userId: outsider.userId }, async (trx) => {
      expect(await trx('savedViews').whereIn('id', [mine.id, open.id])).toEqual([]);
      expect(await trx('savedViews').whereIn('id', [mine.id, open.id]).update({ name: 'x' })).toBe(0);
    }, t.knex);
    await expect(withTenant({ tenantId: outsider.tenantId, userId: outsider.userId }, (trx) => trx('savedViews').insert({
      tenantId: sales.tenantId, ownerId: outsider.userId, listKey: list, name: 'Intruse', query: '{}',
    }), t.knex)).rejects.toThrow(/row-level security/);
    // A colleague sees the shared one only, changes and deletes neither, and cannot save one in someone else's name.
    await withTenant({ tenantId: management.tenantId, userId: management.userId }, async (trx) => {
      expect((await trx('savedViews').whereIn('id', [mine.id, open.id]).select('id')).map((r) => r.id)).toEqual([open.id]);
      expect(await trx('savedViews').whereIn('id', [mine.id, open.id]).update({ name: 'x' })).toBe(0);
      expect(await trx('savedViews').whereIn('id', [mine.id, open.id]).delete()).toBe(0);
    }, t.knex);
    await expect(withTenant({ tenantId: management.tenantId, userId: management.userId }, (trx) => trx('savedViews').insert({
      tenantId: management.tenantId, ownerId: sales.userId, listKey: list, name: 'Au nom d\'un autre', query: '{}',
    }), t.knex)).rejects.toThrow(/row-level security/);
    expect(await t.admin('savedViews').whereIn('id', [mine.id, open.id]).orderBy('name').pluck('name')).toEqual(['Ouverte', 'Privée']);
  });

  it('deletes a view of its owner, who then no longer lists it', async () => {
    const { body: view } = await create(sales, 'À supprimer');
    expect((await as(sales).delete(`/api/v1/saved-views/${view.id}`)).status).toBe(204);
    expect((await listed(sales)).map((v) => v.id)).not.toContain(view.id);
    expect((await as(sales).delete(`/api/v1/saved-views/${view.id}`)).status).toBe(404);
    expect((await as(sales).delete('/api/v1/saved-views/not-a-uuid')).status).toBe(404);
  });

  it('is described in the OpenAPI document with the schemas it validates with', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/v1/saved-views'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/saved-views/{id}'])).toEqual(['patch', 'delete']);
    expect(doc.paths['/api/v1/saved-views'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['list', 'name', 'query']));
  });
});
