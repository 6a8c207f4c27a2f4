import request from 'supertest';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Bad input gets a 400 problem naming each faulty field and writes nothing
 * (DESIGN §10); hostile-looking strings that are valid values are stored and
 * returned exactly as sent, because every query binds its parameters.
 *
 * The requests run in a tenant of this file's own, so counting its rows proves
 * that nothing was written even while other test files run in parallel.
 */
describe('bad input', () => {
  let t: TestContext;
  let own: OwnTenant;
  let token: string;
  let account: { id: string; version: number };
  let contact: { id: string; version: number };
  let site: { id: string; version: number };

  const auth = () => ({ Authorization: `Bearer ${token}` });
  const MEGABYTE = 'x'.repeat(1024 * 1024);

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'bad-input');
    token = (await loginAs(t.app, 'manager', own.slug)).accessToken;
    const a = await request(t.app).post('/api/v1/accounts').set(auth()).send({ name: 'Fixture account', city: 'Lorient' });
    const c = await request(t.app).post('/api/v1/contacts').set(auth()).send({ accountId: a.body.id, lastName: 'Fixture' });
    const s = await request(t.app).post('/api/v1/sites').set(auth()).send({ accountId: a.body.id, name: 'Fixture site' });
    const second = await request(t.app).post('/api/v1/accounts').set(auth()).send({ name: 'Second fixture account' });
    expect([a.status, c.status, s.status, second.status]).toEqual([201, 201, 201, 201]);
    [account, contact, site] = [a.body, c.body, s.body];
  });
  afterAll(() => t.close());

  /** Everything a request of this tenant could have written. */
  async function snapshot() {
    const count = async (table: string) => Number((await t.admin(table).where({ tenantId: own.tenantId }).count<{ count: string }[]>('* as count'))[0]!.count);
    const rows = async (table: string) => t.admin(table).where({ tenantId: own.tenantId }).orderBy('id').select('id', 'version', 'updatedAt');
    return {
      accounts: await rows('accounts'),
      contacts: await rows('contacts'),
      sites: await rows('sites'),
      history: await count('history'),
      idempotencyKeys: await count('idempotencyKeys'),
      counters: await t.admin('tenantCounters').where({ tenantId: own.tenantId }).select('name', 'value'),
    };
  }

  /** A 400 problem whose `errors` name exactly these fields (null: a problem without field list), and nothing written. */
  async function expectRejected(send: () => request.Test, fields: string[] | null): Promise<request.Response> {
    const before = await snapshot();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Requête invalide', type: 'https://relais.dev/problems/validation', code: expect.stringMatching(/^error\./) });
    if (fields) expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    expect(await snapshot()).toEqual(before);
    return res;
  }

  const post = (path: string, body: unknown) => () => request(t.app).post(`/api/v1/${path}`).set(auth()).send(body as object);
  const patch = (path: string, id: string, version: number, body: unknown) => () =>
    request(t.app).patch(`/api/v1/${path}/${id}`).set(auth()).set('If-Match', `"${version}"`).send(body as object);
  const get = (path: string) => () => request(t.app).get(`/api/v1/${path}`).set(auth());

  describe('POST /accounts', () => {
    it('names each field of the wrong type, and says which type it expects rather than "is required"', async () => {
      const res = await expectRejected(post('accounts', {
        name: 123, status: 'dormant', paymentTermsDays: 1.5, creditLimitCents: '5000', ownerId: 'not-a-uuid', email: 42,
      }), ['name', 'status', 'paymentTermsDays', 'creditLimitCents', 'ownerId', 'email']);
      const messages = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
      expect(messages).toMatchObject({ name: 'doit être un texte', creditLimitCents: 'doit être un nombre', ownerId: 'doit être un identifiant (UUID)' });
      expect(res.body.errors.find((e: { field: string }) => e.field === 'name')).toMatchObject({ code: 'field.wrong-type', params: { expected: 'string' } });
    });

    it('names the missing required field', async () => {
      const res = await expectRejected(post('accounts', { city: 'Vannes' }), ['name']);
      expect(res.body.errors).toEqual([{ field: 'name', message: 'est obligatoire', code: 'field.required' }]);
      expect(res.body.detail).toBe('Requête invalide : name est obligatoire.');
      await expectRejected(post('accounts', { name: '   ' }), ['name']);
    });

    it('refuses a 1 MB name and a 1 MB notes, naming the field', async () => {
      const name = await expectRejected(post('accounts', { name: MEGABYTE }), ['name']);
      expect(name.body.errors).toEqual([{ field: 'name', message: 'doit faire au plus 200 caractères', code: 'field.too-long', params: { max: 200 } }]);
      const notes = await expectRejected(post('accounts', { name: 'Long notes', notes: MEGABYTE }), ['notes']);
      expect(notes.body.errors).toEqual([{ field: 'notes', message: 'doit faire au plus 10000 caractères', code: 'field.too-long', params: { max: 10000 } }]);
    });

    it('answers in English when Accept-Language prefers it, with the same codes', async () => {
      const res = await post('accounts', { city: 'Vannes', email: 'nope' })().set('Accept-Language', 'en-GB,en;q=0.9,fr;q=0.5');
      expect(res.body).toMatchObject({ title: 'Invalid request', detail: 'Invalid request: name is required; email is not a valid email address.' });
      expect(res.body.errors).toEqual([{ field: 'name', message: 'is required', code: 'field.required' }, { field: 'email', message: 'is not a valid email address', code: 'field.email' }]);
      const french = await post('accounts', { city: 'Vannes' })().set('Accept-Language', 'de-DE,fr;q=0.5');
      expect(french.body.title).toBe('Requête invalide');
    });

    it('answers a body over the 2 MB limit with a 413 problem and writes nothing', async () => {
      const before = await snapshot();
      const res = await post('accounts', { name: MEGABYTE, notes: MEGABYTE })();
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 413, type: 'https://relais.dev/problems/too-large' });
      expect(await snapshot()).toEqual(before);
    });

    it('names each unknown field, including attempts to set the tenant, the number or the version', async () => {
      await expectRejected(post('accounts', { name: 'Intrus', tenantId: own.tenantId, number: 1, version: 7, createdBy: own.userIds.manager, colour: 'red' }),
        ['tenantId', 'number', 'version', 'createdBy', 'colour']);
    });

    it('names an invalid phone, SIRET, SIREN and VAT number', async () => {
      await expectRejected(post('accounts', { name: 'Formats', phone: '12', siret: '1234', siren: '12345678X', vatNumber: 'fr123' }),
        ['phone', 'siret', 'siren', 'vatNumber']);
      await expectRejected(post('accounts', { name: 'Formats', siret: '1234567890123X' }), ['siret']);
      await expectRejected(post('accounts', { name: 'Formats', phone: '+33 6 12' }), ['phone']);
    });

    it('names the body when it is not a JSON object', async () => {
      await expectRejected(post('accounts', ['name']), ['body']);
    });

    it('answers malformed JSON with a 400 problem and writes nothing', async () => {
      const before = await snapshot();
      const res = await request(t.app).post('/api/v1/accounts').set(auth()).set('Content-Type', 'application/json').send('{"name": "Half written",');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, type: 'https://relais.dev/problems/malformed-json', detail: 'Le corps de la requête n\'est pas du JSON valide.', code: 'error.malformed-json' });
      expect(await snapshot()).toEqual(before);
    });

    it('names an Idempotency-Key longer than 200 characters', async () => {
      await expectRejected(() => post('accounts', { name: 'Keyed' })().set('Idempotency-Key', 'k'.repeat(201)), ['Idempotency-Key']);
    });
  });

  describe('POST /contacts and /sites', () => {
    it('names the missing required fields', async () => {
      await expectRejected(post('contacts', {}), ['accountId', 'lastName']);
      await expectRejected(post('sites', {}), ['accountId', 'name']);
    });

    it('names non-UUID ids and wrong types', async () => {
      await expectRejected(post('contacts', { accountId: 'abc', lastName: 12, email: 'not an email' }), ['accountId', 'lastName', 'email']);
      await expectRejected(post('sites', { accountId: account.id, name: 'Dépôt', billingSiteId: "1' or '1'='1" }), ['billingSiteId']);
    });

    it('names invalid phone numbers', async () => {
      await expectRejected(post('contacts', { accountId: account.id, lastName: 'Tel', phone: 'call me', mobile: '06 12' }), ['phone', 'mobile']);
      await expectRejected(post('sites', { accountId: account.id, name: 'Tel', phone: '0000' }), ['phone']);
    });

    it('refuses 1 MB strings in names and notes', async () => {
      await expectRejected(post('contacts', { accountId: account.id, lastName: MEGABYTE }), ['lastName']);
      await expectRejected(post('contacts', { accountId: account.id, lastName: 'Long', notes: MEGABYTE }), ['notes']);
      await expectRejected(post('sites', { accountId: account.id, name: MEGABYTE }), ['name']);
      await expectRejected(post('sites', { accountId: account.id, name: 'Long', accessNotes: MEGABYTE }), ['accessNotes']);
    });

    it('names unknown fields', async () => {
      await expectRejected(post('contacts', { accountId: account.id, lastName: 'X', tenantId: own.tenantId }), ['tenantId']);
      await expectRejected(post('sites', { accountId: account.id, name: 'X', contactId: contact.id, city: 'Auray' }), ['contactId']);
    });
  });

  describe('PATCH', () => {
    it('names wrong types, emptied required fields and unknown fields on an account', async () => {
      await expectRejected(patch('accounts', account.id, account.version, { name: 42, status: true }), ['name', 'status']);
      await expectRejected(patch('accounts', account.id, account.version, { name: null }), ['name']);
      await expectRejected(patch('accounts', account.id, account.version, { number: 99, currency: 'USD', id: contact.id }), ['number', 'currency', 'id']);
    });

    it('refuses 1 MB strings, an invalid phone and an invalid SIRET on an account', async () => {
      await expectRejected(patch('accounts', account.id, account.version, { name: MEGABYTE }), ['name']);
      await expectRejected(patch('accounts', account.id, account.version, { notes: MEGABYTE }), ['notes']);
      await expectRejected(patch('accounts', account.id, account.version, { phone: 'abc', siret: '123 456 789 00012' }), ['phone', 'siret']);
    });

    it('names bad fields on a contact and a site', async () => {
      await expectRejected(patch('contacts', contact.id, contact.version, { lastName: '', phone: 'nope', accountId: account.id }), ['lastName', 'phone', 'accountId']);
      await expectRejected(patch('sites', site.id, site.version, { billingSiteId: 'abc', country: 'France' }), ['billingSiteId', 'country']);
    });

    it('answers malformed JSON with a 400 problem and changes nothing', async () => {
      const before = await snapshot();
      const res = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(auth()).set('If-Match', `"${account.version}"`)
        .set('Content-Type', 'application/json').send('{"name": }');
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('https://relais.dev/problems/malformed-json');
      expect(await snapshot()).toEqual(before);
    });

    it('names an If-Match header that is not an ETag', async () => {
      await expectRejected(() => request(t.app).patch(`/api/v1/accounts/${account.id}`).set(auth()).set('If-Match', 'yesterday').send({ name: 'Renamed' }), ['If-Match']);
    });

    // The record service answers a malformed id as it answers an unknown one (404),
    // so a probe cannot tell the two apart; the point here is that it is a clean
    // problem, never a database error, and that nothing is written.
    it('answers a non-UUID id in the path with a 404 problem, never a database error, and writes nothing', async () => {
      for (const id of ['not-a-uuid', "1' OR '1'='1", '123']) {
        const before = await snapshot();
        const res = await request(t.app).patch(`/api/v1/accounts/${encodeURIComponent(id)}`).set(auth()).set('If-Match', '"1"').send({ name: 'Renamed' });
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((await request(t.app).get(`/api/v1/contacts/${encodeURIComponent(id)}`).set(auth())).status).toBe(404);
        expect((await request(t.app).get(`/api/v1/sites/${encodeURIComponent(id)}/history`).set(auth())).status).toBe(404);
        expect(await snapshot()).toEqual(before);
      }
    });
  });

  describe('list query parameters', () => {
    it.each([
      ['limit=abc', 'limit'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=2.5', 'limit'],
      [`sort=${'x'.repeat(51)}`, 'sort'],
      ['sort=passwordHash', 'sort'],
      ['sort=name;drop table accounts', 'sort'],
      ['cursor=definitely-not-a-cursor', 'cursor'],
      [`cursor=${'c'.repeat(501)}`, 'cursor'],
      [`q=${'q'.repeat(201)}`, 'q'],
      ['ownerId=abc', 'ownerId'],
      ["supportUserId=1' or '1'='1", 'supportUserId'],
      [`tenantId=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, 'tenantId'],
    ])('GET /accounts?%s names %s', async (query, field) => {
      await expectRejected(get(`accounts?${query}`), [field]);
    });

    it('names non-UUID filters on contacts and sites', async () => {
      await expectRejected(get('contacts?accountId=abc'), ['accountId']);
      await expectRejected(get('sites?billingSiteId=123'), ['billingSiteId']);
      await expectRejected(get('sites?accountId=null%27--'), ['accountId']);
    });

    it('names a cursor that decodes but whose values do not fit the sort, instead of failing in the database', async () => {
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      await expectRejected(get(`accounts?cursor=${forged(['Fixture', 'not-a-uuid'])}`), ['cursor']);
      await expectRejected(get(`accounts?sort=createdAt&cursor=${forged(['not a date', account.id])}`), ['cursor']);
      await expectRejected(get(`accounts?sort=number&cursor=${forged(['seven', account.id])}`), ['cursor']);
      await expectRejected(get(`accounts?cursor=${forged([{ $gt: '' }, account.id])}`), ['cursor']);
    });

    it('still pages with the cursors the API returns', async () => {
      const first = await request(t.app).get('/api/v1/accounts?limit=1&sort=createdAt').set(auth());
      expect(first.status).toBe(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(t.app).get(`/api/v1/accounts?limit=1&sort=createdAt&cursor=${first.body.nextCursor}`).set(auth());
      expect(second.status).toBe(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });
  });

  describe('hostile strings used as valid values', () => {
    const HOSTILE = [
      "'; drop table accounts; --",
      "Robert'); DROP TABLE contacts;--",
      '1 OR 1=1',
      '$$ select pg_sleep(1) $$',
      'C:\\temp\\new \\\\ \\\' \\" end\\',
      '100% _under_ %%',
      'Éléonore Çà-et-là ÿ ñ 漢字 ١٢٣',
      'Déménagement 🚚📦 👩🏽‍🔧',
      '") OR ("a"="a',
    ];

    it.each(HOSTILE)('stores and returns %j verbatim as an account name, notes and city, and finds it by q, search and filter', async (value) => {
      const created = await request(t.app).post('/api/v1/accounts').set(auth()).send({ name: value, notes: value, city: value });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: value, notes: value, city: value });
      const stored = await t.admin('accounts').where({ id: created.body.id }).first('name', 'notes', 'city');
      expect(stored).toEqual({ name: value, notes: value, city: value });
      const read = await request(t.app).get(`/api/v1/accounts/${created.body.id}`).set(auth());
      expect(read.body).toMatchObject({ name: value, notes: value, city: value });

      const byQ = await request(t.app).get('/api/v1/accounts').query({ q: value, limit: 200 }).set(auth());
      expect(byQ.status).toBe(200);
      expect(byQ.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
      // A filter value is compared, never interpreted: only the account with that exact city comes back.
      const byCity = await request(t.app).get('/api/v1/accounts').query({ city: value, limit: 200 }).set(auth());
      expect(byCity.status).toBe(200);
      expect(byCity.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
      const found = await request(t.app).get('/api/v1/search').query({ q: value, limit: 50 }).set(auth());
      expect(found.status).toBe(200);
      expect(found.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'account', id: created.body.id, title: value })]));
    });

    it.each(HOSTILE)('stores and returns %j verbatim in a contact and a site, and keeps it through an update', async (value) => {
      const contactRes = await request(t.app).post('/api/v1/contacts').set(auth()).send({ accountId: account.id, firstName: value, lastName: value, notes: value });
      expect(contactRes.status).toBe(201);
      expect(contactRes.body).toMatchObject({ firstName: value, lastName: value, notes: value });
      expect(await t.admin('contacts').where({ id: contactRes.body.id }).first('firstName', 'lastName', 'notes')).toEqual({ firstName: value, lastName: value, notes: value });
      const siteRes = await request(t.app).post('/api/v1/sites').set(auth()).send({ accountId: account.id, name: value, accessNotes: value });
      expect(siteRes.status).toBe(201);
      expect(await t.admin('sites').where({ id: siteRes.body.id }).first('name', 'accessNotes')).toEqual({ name: value, accessNotes: value });

      const updated = await request(t.app).patch(`/api/v1/contacts/${contactRes.body.id}`).set(auth()).set('If-Match', `"${contactRes.body.version}"`)
        .send({ jobTitle: value });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ lastName: value, jobTitle: value });
      const byQ = await request(t.app).get('/api/v1/contacts').query({ q: value, accountId: account.id, limit: 200 }).set(auth());
      expect(byQ.body.items.map((c: { id: string }) => c.id)).toContain(contactRes.body.id);
      const found = await request(t.app).get('/api/v1/search').query({ q: value, limit: 50 }).set(auth());
      expect(found.body.items.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([contactRes.body.id, siteRes.body.id]));
    });

    it('leaves every table and the rows stored before in place', async () => {
      const tables = await t.admin.raw("select to_regclass('public.accounts') as accounts, to_regclass('public.contacts') as contacts, to_regclass('public.sites') as sites");
      expect(tables.rows[0]).toEqual({ accounts: 'accounts', contacts: 'contacts', sites: 'sites' });
      expect(await t.admin('accounts').where({ id: account.id }).first('name')).toEqual({ name: 'Fixture account' });
      expect(await t.admin('contacts').where({ id: contact.id }).first('lastName')).toEqual({ lastName: 'Fixture' });
      const demoTenants = await t.admin('tenants').whereIn('slug', DEMO_TENANTS.map((d) => d.slug)).count<{ count: string }[]>('* as count');
      expect(Number(demoTenants[0]!.count)).toBe(DEMO_TENANTS.length);
      expect(Number((await t.admin('accounts').whereNot({ tenantId: own.tenantId }).count<{ count: string }[]>('* as count'))[0]!.count)).toBeGreaterThan(0);
    });

    it('refuses a NUL character, which PostgreSQL cannot store, with a 400 naming the field', async () => {
      await expectRejected(post('accounts', { name: 'Nul\u0000byte' }), ['name']);
      await expectRejected(patch('contacts', contact.id, contact.version, { notes: 'a\u0000b' }), ['notes']);
    });

    it('answers a NUL character in a search, a filter or a cursor with a 400 problem rather than a server error', async () => {
      await expectRejected(get('search?q=ab%00cd'), null);
      await expectRejected(get('accounts?q=ab%00cd'), null);
      await expectRejected(get('accounts?city=ab%00cd'), null);
      await expectRejected(get(`accounts?cursor=${Buffer.from(JSON.stringify(['a\u0000b', account.id])).toString('base64url')}`), ['cursor']);
    });
  });
});
