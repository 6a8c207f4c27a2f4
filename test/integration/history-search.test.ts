import crypto from 'node:crypto';
import request from 'supertest';
import { foldAllSearchWords } from '../../domain/search/search-words';
import { loginAs, testContext, userId, type TestContext } from '../support/api';
import { uniqueName } from '../support/fixtures';

interface Hit { type: 'account' | 'contact' | 'site'; id: string; title: string; accountId: string }
interface TimelineItem { id: string; action: string; at: string; actor: { id: string; displayName: string } | null; changes: Record<string, { before: unknown; after: unknown }> }

/**
 * Every change to a record is on its timeline, newest first, with the fields
 * the reader may not see left out; global search matches the way people type
 * (accents, case, word forms, typos, national phone numbers) and returns only
 * what the user may read.
 */
describe('history and search', () => {
  let t: TestContext;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    for (const [role, tenant] of [['manager', 'softwhere'], ['accounting', 'softwhere'], ['support-n1', 'softwhere'],
      ['mission-lead', 'cassandre'], ['auditor', 'cassandre'], ['school-lead', 'acme-school'], ['student', 'acme-school']]) {
      tokens[`${role}@${tenant}`] = (await loginAs(t.app, role!, tenant!)).accessToken;
    }
  });
  afterAll(() => t.close());

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const create = async (who: string, path: string, body: object): Promise<{ id: string; version: number }> => {
    const res = await request(t.app).post(`/api/v1/${path}`).set(as(who)).send(body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const search = async (who: string, q: string): Promise<Hit[]> => {
    const res = await request(t.app).get('/api/v1/search').query({ q, limit: 50 }).set(as(who));
    expect(res.status).toBe(200);
    return res.body.items;
  };
  /** A word no other record contains, so a search for it finds only this test's records. */
  const word = (label: string) => `${label}${crypto.randomBytes(3).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

  describe('history', () => {
    let account: { id: string };
    const name = uniqueName('Boucherie Historique');
    const renamed = uniqueName('Boucherie Renommée');

    beforeAll(async () => {
      account = await create('manager@softwhere', 'accounts', { name, city: 'Lorient', creditLimitCents: 1_234_567, paymentTermsDays: 45, notes: 'first' });
      const update = await request(t.app).patch(`/api/v1/accounts/${account.id}`).set(as('accounting@softwhere')).set('If-Match', '"1"')
        .send({ name: renamed, creditLimitCents: 7_654_321 });
      expect(update.status).toBe(200);
    });

    const historyAs = async (who: string): Promise<TimelineItem[]> => {
      const res = await request(t.app).get(`/api/v1/accounts/${account.id}/history`).set(as(who));
      expect(res.status).toBe(200);
      return res.body.items;
    };

    it('records who created and who updated the account, newest first, with before and after of each changed field', async () => {
      const items = await historyAs('accounting@softwhere');
      expect(items.map((i) => i.action)).toEqual(['update', 'create']);
      const [update, creation] = items as [TimelineItem, TimelineItem];
      expect(Number(update.id)).toBeGreaterThan(Number(creation.id));
      expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(creation.at));

      expect(update.actor).toEqual({ id: await userId(t.admin, 'accounting', 'softwhere'), displayName: 'Nadia Compta' });
      expect(update.changes).toEqual({
        name: { before: name, after: renamed },
        creditLimitCents: { before: 1_234_567, after: 7_654_321 },
      });

      expect(creation.actor).toEqual({ id: await userId(t.admin, 'manager', 'softwhere'), displayName: 'Marc Gestionnaire' });
      expect(creation.changes).toMatchObject({
        name: { before: null, after: name },
        city: { before: null, after: 'Lorient' },
        notes: { before: null, after: 'first' },
        status: { before: null, after: 'prospect' },
        creditLimitCents: { before: null, after: 1_234_567 },
        paymentTermsDays: { before: null, after: 45 },
      });
      for (const ignored of ['version', 'updatedAt', 'createdAt']) expect(creation.changes).not.toHaveProperty(ignored);
    });

    it('leaves the finance fields out of the record and of its history for a role without core.account.finance.read', async () => {
      const record = await request(t.app).get(`/api/v1/accounts/${account.id}`).set(as('support-n1@softwhere'));
      expect(record.status).toBe(200);
      expect(record.body.name).toBe(renamed);
      expect(record.body).not.toHaveProperty('creditLimitCents');
      expect(record.body).not.toHaveProperty('paymentTermsDays');

      const items = await historyAs('support-n1@softwhere');
      expect(items.map((i) => i.action)).toEqual(['update', 'create']);
      expect(items[0]!.changes).toEqual({ name: { before: name, after: renamed } });
      expect(items[1]!.changes).toMatchObject({ name: { before: null, after: name } });
      for (const item of items) {
        expect(item.changes).not.toHaveProperty('creditLimitCents');
        expect(item.changes).not.toHaveProperty('paymentTermsDays');
      }
      const raw = JSON.stringify(items) + JSON.stringify(record.body);
      for (const secret of ['1234567', '7654321', 'creditLimitCents', 'paymentTermsDays']) expect(raw).not.toContain(secret);

      const listed = await request(t.app).get('/api/v1/accounts').query({ q: renamed }).set(as('support-n1@softwhere'));
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).not.toHaveProperty('creditLimitCents');
    });

    it('shows the finance fields in the record and its history to a role with core.account.finance.read', async () => {
      const record = await request(t.app).get(`/api/v1/accounts/${account.id}`).set(as('accounting@softwhere'));
      expect(record.body).toMatchObject({ creditLimitCents: 7_654_321, paymentTermsDays: 45 });
      const items = await historyAs('accounting@softwhere');
      expect(items[0]!.changes.creditLimitCents).toEqual({ before: 1_234_567, after: 7_654_321 });
      expect(items[1]!.changes.paymentTermsDays).toEqual({ before: null, after: 45 });
    });
  });

  describe('search', () => {
    it('finds an account by name whatever the accents and the case', async () => {
      const distinctive = word('Candé');
      const account = await create('manager@softwhere', 'accounts', { name: `Château de ${distinctive}` });
      const plain = distinctive.normalize('NFD').replace(/\p{Diacritic}/gu, '');
      for (const q of ['candé', 'CANDE', 'Cande', distinctive.toUpperCase(), plain.toLowerCase()]) {
        const hits = await search('manager@softwhere', q);
        expect(hits).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'account', id: account.id })]));
      }
    });

    it('finds an account by another French form of a word of its name (full text)', async () => {
      // Long enough that the trigram similarity of "transporter" stays under the threshold,
      // and "transporter" is not a substring: only stemming (transports → transport) can match it.
      const name = `Transports Frigorifiques ${word('Kergoat')} de Bretagne Occidentale`;
      const account = await create('manager@softwhere', 'accounts', { name });
      const similarity = await t.admin.raw('select similarity(f_unaccent(lower(?)), f_unaccent(lower(?))) as s', [name, 'transporter']);
      expect(Number(similarity.rows[0].s)).toBeLessThan(0.3);
      for (const q of ['transport', 'transporter', 'frigorifique']) {
        const hits = await search('manager@softwhere', q);
        expect(hits.map((h) => h.id)).toContain(account.id);
      }
    });

    it('finds a contact by a misspelt name (trigram similarity)', async () => {
      const account = await create('manager@softwhere', 'accounts', { name: uniqueName('Salle des fêtes') });
      const contact = await create('manager@softwhere', 'contacts', { accountId: account.id, firstName: 'Zéphyrine', lastName: 'Blangier' });
      // A new name's words reach the typo search's dictionary with the every-minute fold (ADR 0040).
      await foldAllSearchWords(t.knex);
      const hits = await search('manager@softwhere', 'Blangiere');
      expect(hits).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'contact', id: contact.id, title: 'Zéphyrine Blangier', accountId: account.id })]));
      const typo = await search('manager@softwhere', 'Zefyrine Blangier');
      expect(typo.map((h) => h.id)).toContain(contact.id);
    });

    it('finds a contact by a phone number typed nationally, stored in E.164', async () => {
      const account = await create('manager@softwhere', 'accounts', { name: uniqueName('Plomberie') });
      const contact = await create('manager@softwhere', 'contacts', { accountId: account.id, lastName: word('Tel'), phone: '06 12 34 56 78' });
      expect(await t.admin('contacts').where({ id: contact.id }).first('phone')).toEqual({ phone: '+33612345678' });
      for (const q of ['06 12 34', '06 12 34 56 78', '0612345678', '+33 6 12 34', '06.12.34.56.78', '06-12-34']) {
        const hits = await search('manager@softwhere', q);
        expect(hits).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'contact', id: contact.id })]));
      }
      expect((await search('manager@softwhere', '07 98 76')).map((h) => h.id)).not.toContain(contact.id);
    });

    it('gives a user with the "assigned" scope only the accounts they support, and those accounts\' contacts and sites', async () => {
      const distinctive = word('Zircon');
      const auditorId = await userId(t.admin, 'auditor', 'cassandre');
      const assigned = await create('mission-lead@cassandre', 'accounts', { name: `Cabinet ${distinctive} Nord`, supportUserId: auditorId });
      const other = await create('mission-lead@cassandre', 'accounts', { name: `Cabinet ${distinctive} Sud` });
      for (const a of [assigned, other]) {
        await create('mission-lead@cassandre', 'contacts', { accountId: a.id, lastName: distinctive });
        await create('mission-lead@cassandre', 'sites', { accountId: a.id, name: `Agence ${distinctive}` });
      }
      const all = await search('mission-lead@cassandre', distinctive);
      expect(all).toHaveLength(6);

      const mine = await search('auditor@cassandre', distinctive);
      expect(mine.map((h) => h.type).sort()).toEqual(['account', 'contact', 'site']);
      expect(new Set(mine.map((h) => h.accountId))).toEqual(new Set([assigned.id]));

      // Any search, not only this one: every account found is one the auditor supports.
      const broad = await search('auditor@cassandre', 'Cabinet');
      const accountIds = [...new Set(broad.map((h) => h.accountId))];
      expect(accountIds).toContain(assigned.id);
      const supporters = (await t.admin('accounts').whereIn('id', accountIds).select('supportUserId')).map((a) => a.supportUserId);
      expect(new Set(supporters)).toEqual(new Set([auditorId]));
    });

    it('gives each reader the kinds they may read: all three to the head of the student office, none to a student (the student side reads nothing administrative)', async () => {
      const distinctive = word('Quartz');
      const account = await create('school-lead@acme-school', 'accounts', { name: `Lycée ${distinctive}` });
      const contact = await create('school-lead@acme-school', 'contacts', { accountId: account.id, lastName: distinctive });
      const site = await create('school-lead@acme-school', 'sites', { accountId: account.id, name: `Campus ${distinctive}` });
      const lead = await search('school-lead@acme-school', distinctive);
      expect(lead.map((h) => h.id).sort()).toEqual([account.id, contact.id, site.id].sort());

      // Spec 004: the administrative side is not visible from the student side (ADR 0053): no account, contact or site.
      expect(await search('student@acme-school', distinctive)).toEqual([]);
      expect(await search('student@acme-school', 'Nantaise')).toEqual([]);
    });

    it('refuses a query shorter than 2 characters, or with the NUL character, with a 400 naming q', async () => {
      for (const q of ['a', ' b ']) {
        const res = await request(t.app).get('/api/v1/search').query({ q }).set(as('manager@softwhere'));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field: 'q', message: 'doit compter au moins 2 caractères', code: 'field.search-too-short', params: { min: 2 } }]);
      }
      // An empty query value is no value (api/app.ts parses queries so).
      for (const path of ['/api/v1/search', '/api/v1/search?q=']) {
        const missing = await request(t.app).get(path).set(as('manager@softwhere'));
        expect(missing.status).toBe(400);
        expect(missing.body.errors).toEqual([{ field: 'q', message: 'est obligatoire', code: 'field.required' }]);
      }
      const nul = await request(t.app).get('/api/v1/search').query({ q: 'Du\u0000pont' }).set(as('manager@softwhere'));
      expect(nul.status).toBe(400);
      expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'q', code: 'field.nul' })]);
    });
  });
});
