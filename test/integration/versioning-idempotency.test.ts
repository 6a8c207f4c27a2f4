import request from 'supertest';
import { loginAs, testContext, userId, type TestContext } from '../support/api';
import { uniqueName } from '../support/fixtures';

/**
 * Optimistic concurrency (DESIGN §3: a stale write answers 412, nobody's
 * change is overwritten silently) and Idempotency-Key on creation (DESIGN §8).
 * Every test works on accounts it creates, found by a unique name.
 */
describe('versioning and idempotency', () => {
  let t: TestContext;
  let manager: string;
  let sales: string;
  let accounting: string;
  let otherTenant: string;

  beforeAll(async () => {
    t = testContext();
    manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    sales = (await loginAs(t.app, 'sales', 'softwhere')).accessToken;
    // Accounting may update every account; the sales rep only their own.
    accounting = (await loginAs(t.app, 'accounting', 'softwhere')).accessToken;
    otherTenant = (await loginAs(t.app, 'manager', 'msp')).accessToken;
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function newAccount(label: string): Promise<{ id: string; name: string; version: number }> {
    const res = await request(t.app).post('/api/v1/accounts').set(bearer(manager)).send({ name: uniqueName(label), city: 'Vannes' });
    expect(res.status).toBe(201);
    return res.body;
  }

  const stored = (id: string) => t.admin('accounts').where({ id }).first('name', 'city', 'version', 'updatedAt');
  const historyOf = (id: string) => t.admin('history').where({ recordId: id }).orderBy('id').select('action', 'changes');

  describe('versions and If-Match', () => {
    it('answers GET with the version as a strong ETag', async () => {
      const account = await newAccount('ETag');
      const res = await request(t.app).get(`/api/v1/accounts/${account.id}`).set(bearer(manager));
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      expect(res.headers.etag).toBe('"1"');
    });

    it('answers a PATCH without If-Match with 428 and changes nothing', async () => {
      const account = await newAccount('No If-Match');
      const before = await stored(account.id);
      const res = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(manager)).send({ city: 'Auray' });
      expect(res.status).toBe(428);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 428, type: 'https://relais.dev/problems/precondition-required' });
      expect(await stored(account.id)).toEqual(before);
      expect((await historyOf(account.id)).map((h) => h.action)).toEqual(['create']);
    });

    it('answers a PATCH with a stale If-Match with 412 carrying the stored record, and changes nothing', async () => {
      const account = await newAccount('Stale');
      const first = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(manager)).set('If-Match', '"1"').send({ city: 'Auray' });
      expect(first.status).toBe(200);
      const before = await stored(account.id);

      const stale = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(accounting)).set('If-Match', '"1"').send({ city: 'Ploërmel' });
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body.type).toBe('https://relais.dev/problems/stale-version');
      const current = (await request(t.app).get(`/api/v1/accounts/${account.id}`).set(bearer(accounting))).body;
      expect(stale.body.current).toEqual(current);
      expect(stale.body.current).toMatchObject({ id: account.id, version: 2, city: 'Auray' });
      expect(await stored(account.id)).toEqual(before);
      expect((await historyOf(account.id)).map((h) => h.action)).toEqual(['create', 'update']);
    });

    it('increments the version by one on each successful PATCH and answers the new ETag', async () => {
      const account = await newAccount('Increment');
      const second = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(manager)).set('If-Match', '"1"').send({ city: 'Lorient' });
      expect(second.status).toBe(200);
      expect(second.body.version).toBe(2);
      expect(second.headers.etag).toBe('"2"');
      // A weak ETag and a bare number name the same version.
      const third = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(manager)).set('If-Match', 'W/"2"').send({ city: 'Quimper' });
      expect(third.status).toBe(200);
      expect(third.body.version).toBe(3);
      const fourth = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(manager)).set('If-Match', '3').send({ city: 'Brest' });
      expect(fourth.body.version).toBe(4);
      expect(await stored(account.id)).toMatchObject({ version: 4, city: 'Brest' });
    });

    it('lets exactly one of two concurrent PATCHes on the same version win; the other answers 412', async () => {
      const account = await newAccount('Race');
      const patch = (token: string, city: string) =>
        request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(token)).set('If-Match', '"1"').send({ city });
      const answers = await Promise.all([patch(manager, 'Nantes'), patch(accounting, 'Rennes')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      const loser = answers.find((a) => a.status === 412)!;
      expect(await stored(account.id)).toMatchObject({ version: 2, city: winner.body.city });
      expect(loser.body.current).toMatchObject({ version: 2, city: winner.body.city });
      const history = await historyOf(account.id);
      expect(history.map((h) => h.action)).toEqual(['create', 'update']);
      expect(history[1]!.changes).toEqual({ city: { before: 'Vannes', after: winner.body.city } });
    });

    it('answers a DELETE with a stale If-Match with 412 and keeps the record', async () => {
      const account = await newAccount('Stale delete');
      await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(bearer(manager)).set('If-Match', '"1"').send({ city: 'Auray' });
      const res = await request(t.app).delete(`/api/v1/accounts/${account.id}`).set(bearer(manager)).set('If-Match', '"1"');
      expect(res.status).toBe(412);
      expect(await stored(account.id)).toMatchObject({ version: 2 });
    });
  });

  describe('Idempotency-Key on POST /api/v1/accounts', () => {
    const create = (token: string, key: string, body: object) =>
      request(t.app).post('/api/v1/accounts').set(bearer(token)).set('Idempotency-Key', key).send(body);
    const rowsNamed = (name: string) => t.admin('accounts').where({ name }).select('id');

    it('answers a repeat with the first response, marked as replayed, and writes one account', async () => {
      const key = uniqueName('key').replace(' ', '-');
      const body = { name: uniqueName('Idempotent'), city: 'Lorient' };
      const first = await create(manager, key, body);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await create(manager, key, body);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await rowsNamed(body.name)).toEqual([{ id: first.body.id }]);
      expect(await t.admin('history').where({ recordId: first.body.id }).pluck('action')).toEqual(['create']);
    });

    it('answers the same key with a different body with 409 and writes nothing for it', async () => {
      const key = uniqueName('key').replace(' ', '-');
      const first = await create(manager, key, { name: uniqueName('First use') });
      expect(first.status).toBe(201);
      const otherName = uniqueName('Second use');
      const reuse = await create(manager, key, { name: otherName });
      expect(reuse.status).toBe(409);
      expect(reuse.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reuse.body.type).toBe('https://relais.dev/problems/conflict');
      expect(await rowsNamed(otherName)).toEqual([]);
    });

    it('keeps keys per user: two users, and two tenants, may use the same key independently', async () => {
      const key = uniqueName('shared-key').replace(' ', '-');
      const name = uniqueName('Same key');
      const byManager = await create(manager, key, { name });
      const bySales = await create(sales, key, { name });
      const elsewhere = await create(otherTenant, key, { name });
      expect([byManager.status, bySales.status, elsewhere.status]).toEqual([201, 201, 201]);
      for (const res of [bySales, elsewhere]) expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(new Set([byManager.body.id, bySales.body.id, elsewhere.body.id]).size).toBe(3);
      expect((await rowsNamed(name)).length).toBe(3);
      expect(bySales.body.ownerId).toBe(await userId(t.admin, 'sales', 'softwhere'));
    });

    it('writes one account when two requests with the same key race', async () => {
      const key = uniqueName('race-key').replace(' ', '-');
      const body = { name: uniqueName('Racing key') };
      const answers = await Promise.all([create(manager, key, body), create(manager, key, body)]);
      const rows = await rowsNamed(body.name);
      expect(rows).toHaveLength(1);
      // The loser either replays the winner's answer or, if both ran at once, is refused.
      for (const res of answers) {
        if (res.status === 201) expect(res.body.id).toBe(rows[0]!.id);
        else expect(res.status).toBe(409);
      }
      expect(answers.some((a) => a.status === 201)).toBe(true);
    });
  });
});
