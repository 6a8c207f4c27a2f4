import request from 'supertest';
import { LARGE_CLIENT } from '../../domain/telecom/hierarchy-demo';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';
import { createOwnTenant } from '../support/fixtures';

/**
 * SoftWhere's hierarchy (issue 17, ADR 0041) on the demo reseller: lines filtered and paged with the purchase
 * price only for « voir marge », plan changes refused with their reason, the account summary's figures,
 * contacts created on the account only, another organisation's lines invisible.
 */
type Line = Record<string, unknown> & { id: string; accountId: string; status: string; version: number };

describe('telecom: hierarchy, lines and the account summary', () => {
  let t: TestContext;
  let softwhere: string;
  const tokens: Record<string, string> = {};
  let large: string;
  /** An account of this test's own, with its fleet and lines (other suites change the demo's lines). */
  let own: { accountId: string; fleetId: string; siteId: string };
  const as = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });

  beforeAll(async () => {
    t = testContext();
    softwhere = await tenantId(t.admin, 'softwhere');
    for (const role of ['direction', 'manager', 'support-n1', 'accounting', 'client']) tokens[role] = (await loginAs(t.app, role, 'softwhere')).accessToken;
    large = (await t.admin('telecomAccountProfiles').where({ tenantId: softwhere, softwhereId: LARGE_CLIENT.softwhereId }).first('accountId')).accountId;
    const number = Number((await t.admin('accounts').where({ tenantId: softwhere }).max('number as n').first())?.n ?? 0) + 1_000 + Math.floor(Math.random() * 1_000_000);
    const [account] = await t.admin('accounts').insert({ tenantId: softwhere, number, name: `Test hiérarchie ${number}`, status: 'active' }).returning('id');
    const [site] = await t.admin('sites').insert({ tenantId: softwhere, accountId: account.id, name: 'Siège' }).returning('id');
    await t.admin('sites').insert({ tenantId: softwhere, accountId: account.id, name: 'Entrepôt' });
    const fleet = await request(t.app).post('/api/v1/telecom/fleets').set(as('manager')).send({ accountId: account.id, siteId: site.id, type: 'mobile', operatorKey: 'orange' });
    expect(fleet.status).toBe(201);
    expect(fleet.body).toMatchObject({ name: 'Mobile / Orange', lineCount: 0 });
    own = { accountId: account.id, fleetId: fleet.body.id, siteId: site.id };
  });
  afterAll(() => t.close());

  const plan = async (code: string) => (await t.admin('catalogueItems').where({ tenantId: softwhere, code }).first('id')).id as string;

  it('seeds a reseller: brands, ~300 accounts with SoftWhere ids, every fleet type, E.164 numbers, a 2,000-line multi-site client', async () => {
    expect((await t.admin('telecomBrands').where({ tenantId: softwhere })).map((b) => b.key).sort()).toEqual(expect.arrayContaining(['breizhtel', 'connextoo', 'softwhere']));
    const [{ count: profiles }] = await t.admin('telecomAccountProfiles').where({ tenantId: softwhere }).count();
    expect(Number(profiles)).toBeGreaterThanOrEqual(300);
    const fleets = await t.admin('telecomFleets').where({ tenantId: softwhere }).distinct('name').pluck('name');
    expect(fleets).toEqual(expect.arrayContaining(['Mobile / Orange', 'Mobile / SFR', 'Internet / Alphalink', 'Fixe / 3CX', 'Cyber / Palo Alto']));
    const [{ count: lines }] = await t.admin('telecomLines').where({ tenantId: softwhere }).count();
    expect(Number(lines)).toBeGreaterThanOrEqual(3_000);
    const [{ count: largeLines }] = await t.admin('telecomLines').where({ tenantId: softwhere, accountId: large }).count();
    expect(Number(largeLines)).toBe(2_000);
    const phones = await t.admin('telecomLines as l').join('telecomFleets as f', 'f.id', 'l.fleetId').where('l.tenantId', softwhere).whereIn('f.type', ['mobile', 'fixed']).pluck('l.number');
    expect(phones.filter((n: string) => !/^\+33[1-9]\d{8}$/.test(n))).toEqual([]);
    expect(await t.admin('telecomBillingSiteRefs').where({ tenantId: softwhere, system: 'cfast' }).first('reference')).toMatchObject({ reference: expect.stringMatching(/^BP-\d+$/) });
  });

  it('lists lines by filters with cursor paging; the purchase price only for the roles that may see margins', async () => {
    const first = await request(t.app).get(`/api/v1/telecom/lines?accountId=${large}&status=active&limit=50`).set(as('direction'));
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items.every((l: Line) => l.accountId === large && l.status === 'active' && typeof l.purchasePriceCents === 'number')).toBe(true);
    const second = await request(t.app).get(`/api/v1/telecom/lines?accountId=${large}&status=active&limit=50&cursor=${encodeURIComponent(first.body.nextCursor)}`).set(as('direction'));
    expect(second.body.items).toHaveLength(50);
    expect(second.body.items.filter((l: Line) => first.body.items.some((f: Line) => f.id === l.id))).toEqual([]);

    const fleetId = first.body.items[0].fleetId as string;
    const planId = first.body.items[0].planId as string;
    const byFleet = await request(t.app).get(`/api/v1/telecom/lines?fleetId=${fleetId}&planId=${planId}&limit=200`).set(as('accounting'));
    expect(byFleet.body.items.length).toBeGreaterThan(0);
    expect(byFleet.body.items.every((l: Line) => l.fleetId === fleetId && l.planId === planId && 'purchasePriceCents' in l)).toBe(true);

    for (const role of ['manager', 'support-n1']) {
      const page = await request(t.app).get(`/api/v1/telecom/lines?accountId=${large}&limit=20`).set(as(role));
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(20);
      expect(page.body.items.filter((l: Line) => 'purchasePriceCents' in l)).toEqual([]);
      expect(page.body.items.every((l: Line) => typeof l.salePriceCents === 'number')).toBe(true);
    }

    // The client: its company's lines only, sale prices only.
    const mine = await request(t.app).get('/api/v1/telecom/lines?limit=200').set(as('client'));
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((l: Line) => l.accountId)).size).toBe(1);
    expect(mine.body.items.filter((l: Line) => 'purchasePriceCents' in l)).toEqual([]);
    expect((await request(t.app).get(`/api/v1/telecom/lines?accountId=${large}`).set(as('client'))).body.items).toEqual([]);

    const bad = await request(t.app).get('/api/v1/telecom/lines?status=cancelled').set(as('direction'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('doit valoir');
  });

  it('creates a line priced from its plan, changes its plan and options, and refuses what the rules forbid with the reason', async () => {
    const created = await request(t.app).post('/api/v1/telecom/lines').set(as('manager'))
      .send({ accountId: own.accountId, fleetId: own.fleetId, number: '07 12 34 56 78', userName: 'Yann Le Goff', planId: await plan('TEL-MOB-OR-5') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: '+33712345678', status: 'pending', salePriceCents: 1_200, siteId: own.siteId, fleetName: 'Mobile / Orange', operatorKey: 'snaic' });
    expect(created.body).not.toHaveProperty('purchasePriceCents');
    const id = created.body.id as string;

    const other = await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('manager')).set('If-Match', '"1"').send({ planId: await plan('TEL-NET-ALK-FTTH1G') });
    expect(other.status).toBe(422);
    expect(other.body.detail).toBe('« Fibre Pro 1 Gb/s » est une offre Internet / Alphalink, la ligne est sur un parc Mobile / Orange.');
    const brand = await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('manager')).set('If-Match', '"1"').send({ planId: await plan('TEL-MOB-OR-BZH30') });
    expect(brand.status).toBe(422);
    expect(brand.body.detail).toContain('n\'est pas au catalogue de la marque de ce client');
    expect(await t.admin('telecomLines').where({ id }).first('planId', 'version')).toEqual({ planId: await plan('TEL-MOB-OR-5'), version: 1 });

    expect((await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('manager')).send({ planId: await plan('TEL-MOB-OR-50') })).status).toBe(428);
    expect((await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('support-n1')).set('If-Match', '"1"').send({ planId: await plan('TEL-MOB-OR-50') })).status).toBe(403);

    const changed = await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('direction')).set('If-Match', '"1"')
      .send({ planId: await plan('TEL-MOB-OR-50'), optionIds: [await plan('TEL-OPT-OR-INTL')], status: 'active', statusOn: '2026-12-01' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ salePriceCents: 2_900, purchasePriceCents: 1_500, status: 'active', activatedOn: '2026-12-01' });
    expect(changed.headers.etag).toBe(`"${changed.body.version}"`);
    expect((await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('direction')).set('If-Match', '"1"').send({ userName: 'X' })).status).toBe(412);

    const history = await request(t.app).get(`/api/v1/telecom/lines/${id}/history`).set(as('direction'));
    expect(history.body.items.some((h: { changes: Record<string, unknown> }) => 'planId' in h.changes)).toBe(true);
    const seenBySupport = await request(t.app).get(`/api/v1/telecom/lines/${id}/history`).set(as('support-n1'));
    expect(seenBySupport.body.items.filter((h: { changes: Record<string, unknown> }) => 'purchasePriceCents' in h.changes)).toEqual([]);

    const terminated = await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('manager')).set('If-Match', `"${changed.body.version}"`).send({ status: 'terminated', statusOn: '2026-12-04' });
    expect(terminated.body).toMatchObject({ status: 'terminated', terminatedOn: '2026-12-04' });
    const late = await request(t.app).patch(`/api/v1/telecom/lines/${id}`).set(as('manager')).set('If-Match', '*').send({ planId: await plan('TEL-MOB-OR-ILL') });
    expect(late.status).toBe(422);
    expect(late.body.detail).toBe('La ligne est résiliée : son forfait et ses options ne changent plus.');
    expect((await request(t.app).delete(`/api/v1/telecom/lines/${id}`).set(as('manager')).set('If-Match', '*')).status).toBe(403);
  });

  it('answers the account summary with its figures; purchase and margin only with « voir marge »', async () => {
    for (const n of [1, 2]) {
      const line = await request(t.app).post('/api/v1/telecom/lines').set(as('manager'))
        .send({ accountId: own.accountId, fleetId: own.fleetId, number: `+3371234560${n}`, planId: await plan('TEL-MOB-OR-ILL') });
      await request(t.app).patch(`/api/v1/telecom/lines/${line.body.id}`).set(as('manager')).set('If-Match', '*').send({ status: 'active' });
    }
    const direction = await request(t.app).get(`/api/v1/telecom/accounts/${own.accountId}/summary`).set(as('direction'));
    expect(direction.status).toBe(200);
    expect(direction.body).toMatchObject({ multiSite: true, siteCount: 2, finance: { monthlySaleCents: 7_800, monthlyPurchaseCents: 4_200, monthlyMarginCents: 3_600 } });
    const support = await request(t.app).get(`/api/v1/telecom/accounts/${own.accountId}/summary`).set(as('support-n1'));
    expect(support.status).toBe(200);
    expect(JSON.stringify(support.body)).not.toContain('monthlyPurchaseCents');
    const big = await request(t.app).get(`/api/v1/telecom/accounts/${large}/summary`).set(as('direction'));
    expect(big.body).toMatchObject({ multiSite: true, siteCount: LARGE_CLIENT.sites });
    expect(big.body.sites.items.reduce((n: number, s: { lineCount: number }) => n + s.lineCount, 0)).toBe(Number((await t.admin('telecomLines').where({ accountId: large }).whereNot('status', 'terminated').count().first())!.count));
    expect((await request(t.app).get(`/api/v1/telecom/accounts/${large}/summary`).set(as('client'))).status).toBe(404);
  });

  it('refuses a contact created on a site (§4.3): contacts are created on the account, then assigned', async () => {
    const refused = await request(t.app).post('/api/v1/contacts').set(as('manager')).send({ accountId: own.accountId, lastName: 'Sur-Site', siteId: own.siteId });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('siteId');
    expect(await t.admin('contacts').where({ accountId: own.accountId, lastName: 'Sur-Site' })).toHaveLength(0);
    const contact = await request(t.app).post('/api/v1/contacts').set(as('manager')).send({ accountId: own.accountId, lastName: 'Le Bihan' });
    expect(contact.status).toBe(201);
    const assigned = await request(t.app).post(`/api/v1/contacts/${contact.body.id}/assignments`).set(as('manager')).send({ purpose: 'site', siteId: own.siteId });
    expect(assigned.status).toBe(201);
    const largeSite = (await t.admin('sites').where({ accountId: large }).first('id')).id;
    expect((await request(t.app).post(`/api/v1/contacts/${contact.body.id}/assignments`).set(as('manager')).send({ purpose: 'site', siteId: largeSite })).status).toBe(400);
  });

  it('sets the account\'s SoftWhere id, brand and references, and a billing site\'s CFAST billing point, each unique', async () => {
    const url = `/api/v1/telecom/accounts/${own.accountId}/profile`;
    expect((await request(t.app).get(url).set(as('support-n1'))).body).toEqual({ profile: null });
    const softwhereId = `SW-9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
    const brandId = (await t.admin('telecomBrands').where({ tenantId: softwhere, key: 'connextoo' }).first('id')).id;
    const put = await request(t.app).put(url).set(as('manager')).send({ softwhereId, brandId, externalRefs: { extranet: 'EXT-1' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ softwhereId, brandId, externalRefs: { extranet: 'EXT-1' }, version: 1 });
    const taken = await request(t.app).put(url).set(as('manager')).set('If-Match', '"1"').send({ softwhereId: LARGE_CLIENT.softwhereId });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain('Cet identifiant SoftWhere est déjà celui d\'un autre compte.');
    const malformed = await request(t.app).put(url).set(as('manager')).send({ softwhereId: '123' });
    expect(JSON.stringify(malformed.body)).toContain('doit être un identifiant SoftWhere, comme SW-000123');
    expect((await request(t.app).put(url).set(as('manager')).set('If-Match', '"7"').send({ softwhereId })).status).toBe(412);
    expect((await request(t.app).put(url).set(as('support-n1')).send({ softwhereId })).status).toBe(403);

    const [billing] = await t.admin('billingSites').insert({ tenantId: softwhere, accountId: own.accountId, name: 'Facturation' }).returning('id');
    const reference = `BP-${softwhereId.slice(3)}`;
    const set = await request(t.app).put(`/api/v1/telecom/billing-sites/${billing.id}/refs/cfast`).set(as('accounting')).send({ reference });
    expect(set.status).toBe(200);
    expect(set.body.items).toMatchObject([{ system: 'cfast', reference }]);
    const [other] = await t.admin('billingSites').insert({ tenantId: softwhere, accountId: own.accountId, name: 'Facturation 2' }).returning('id');
    const twice = await request(t.app).put(`/api/v1/telecom/billing-sites/${other.id}/refs/cfast`).set(as('accounting')).send({ reference });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('Cette référence est déjà celle d\'un autre site de facturation dans ce système.');
  });

  it('keeps a site that has a fleet, and deletes an account with its sites, fleets and lines', async () => {
    const site = await request(t.app).delete(`/api/v1/sites/${own.siteId}`).set(as('manager')).set('If-Match', '*');
    expect(site.status).toBe(409);
    const deleted = await request(t.app).delete(`/api/v1/accounts/${own.accountId}`).set(as('manager')).set('If-Match', '*');
    expect(deleted.status).toBe(204);
    expect(await t.admin('telecomLines').where({ accountId: own.accountId })).toEqual([]);
    expect(await t.admin('telecomFleets').where({ accountId: own.accountId })).toEqual([]);
  });

  it('shows another organisation none of SoftWhere\'s lines, fleets or accounts', async () => {
    const org = await createOwnTenant(t.admin, 'telecom-iso', ['telecom']);
    const token = (await loginAs(t.app, 'direction', org.slug)).accessToken;
    const lineId = (await t.admin('telecomLines').where({ tenantId: softwhere }).first('id')).id;
    expect((await request(t.app).get(`/api/v1/telecom/lines/${lineId}`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/telecom/lines').set('Authorization', `Bearer ${token}`)).body.items).toEqual([]);
    expect((await request(t.app).get(`/api/v1/telecom/accounts/${large}/summary`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/telecom/lines?fleetId=${own.fleetId}`).set('Authorization', `Bearer ${token}`)).body.items).toEqual([]);
  });
});
