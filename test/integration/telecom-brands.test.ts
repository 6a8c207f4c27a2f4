import type { Knex } from 'knex';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { createOwnTenant, uniqueName, type OwnTenant } from '../support/fixtures';
import { loginAs, testContext, type TestContext } from '../support/api';
import { asUser } from '../support/http';

/**
 * White-label brands and the role-dependent account panel (spec 002 §10.3, §11; ADR 0046): the same account
 * answers different sections to the direction, support, accounting and the client; a partner bound to a brand
 * reads only its brand's clients (another brand's account is 404 everywhere, its lines invisible); the brands'
 * branding is set by who administers brands, bad input refused in French and nothing written.
 */
describe('telecom brands and role views', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const tokens: Record<string, string> = {};
  let brandA: string;
  let brandB: string;
  let accountA: string;
  let accountB: string;
  let otherBrand: string;

  async function account(admin: Knex, tn: OwnTenant, brandId: string, softwhereId: string, sites: string[]): Promise<string> {
    const [a] = await admin('accounts').insert({ tenantId: tn.tenantId, number: 7_000_000 + Math.floor(Math.random() * 1_000_000), name: uniqueName('Client télécom'), status: 'active', ownerId: tn.userIds.sales }).returning('id');
    await admin('telecomAccountProfiles').insert({ accountId: a.id, tenantId: tn.tenantId, softwhereId, brandId, externalRefs: JSON.stringify({ extranet: 'EXT-42' }) });
    const [contact] = await admin('contacts').insert({ tenantId: tn.tenantId, accountId: a.id, firstName: 'Sylvie', lastName: 'Compta' }).returning('id');
    const [billing] = await admin('billingSites').insert({ tenantId: tn.tenantId, accountId: a.id, name: 'Siège — facturation', externalRef: 'CFAST-BP-1', billingContactId: contact.id }).returning('id');
    await admin('telecomBillingSiteRefs').insert({ tenantId: tn.tenantId, billingSiteId: billing.id, system: 'cfast', reference: `BP-${softwhereId}` });
    for (const [i, name] of sites.entries()) {
      const [site] = await admin('sites').insert({ tenantId: tn.tenantId, accountId: a.id, name, city: 'Vannes', billingSiteId: billing.id }).returning('id');
      const [fleet] = await admin('telecomFleets').insert({ tenantId: tn.tenantId, accountId: a.id, siteId: site.id, billingSiteId: billing.id, type: 'mobile', operatorKey: 'orange', name: 'Mobile / Orange' }).returning('id');
      const statuses = ['active', 'active', 'suspended', 'pending', 'terminated'];
      await admin('telecomLines').insert(statuses.map((status, n) => ({
        tenantId: tn.tenantId, accountId: a.id, fleetId: fleet.id, siteId: site.id, billingSiteId: billing.id, number: `+336${softwhereId.slice(3, 4)}${softwhereId.slice(-4)}${i}${n}0`,
        status, salePriceCents: 2000, purchasePriceCents: 1200, operatorKey: 'snaic',
      })));
    }
    return a.id;
  }

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'brands');
    other = await createOwnTenant(t.admin, 'brands-other');
    [brandA, brandB] = (await t.admin('telecomBrands').insert([
      { tenantId: tenant.tenantId, key: 'armor', name: 'Armor Télécom' }, { tenantId: tenant.tenantId, key: 'iroise', name: 'Iroise Connect' },
    ]).returning('id')).map((r: { id: string }) => r.id) as [string, string];
    otherBrand = (await t.admin('telecomBrands').insert({ tenantId: other.tenantId, key: 'ailleurs', name: 'Ailleurs' }).returning('id'))[0].id;
    const n = Math.floor(Math.random() * 9000) + 1000;
    accountA = await account(t.admin, tenant, brandA, `SW-10${n}`, ['Dépôt Vannes', 'Agence Auray']);
    accountB = await account(t.admin, tenant, brandB, `SW-20${n}`, ['Boutique']);
    await t.admin('users').where({ id: tenant.userIds.client }).update({ accountId: accountA });
    await t.admin('telecomBrandUsers').insert({ tenantId: tenant.tenantId, userId: tenant.userIds.partner, brandId: brandA });
    for (const role of ['direction', 'support-n1', 'accounting', 'client', 'partner', 'manager']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
  });

  afterAll(async () => t?.close());

  const panel = (role: string, id: string) => asUser(t.app, tokens[role]!).get(`/api/v1/telecom/accounts/${id}/panel`);

  it('shows the direction everything: references, billing, sites and fleets, sale, purchase and margin', async () => {
    const res = await panel('direction', accountA);
    expect(res.status).toBe(200);
    expect(res.body.sections).toEqual(['billingSites', 'externalRefs', 'finance', 'margin', 'sites', 'summary']);
    expect(res.body.summary).toMatchObject({ brand: { id: brandA, name: 'Armor Télécom' }, externalRefs: { extranet: 'EXT-42' }, salesperson: { id: tenant.userIds.sales } });
    // Two sites × (two active + one suspended) at 20 € sale, 12 € purchase; pending and terminated are not billed monthly.
    expect(res.body.finance).toEqual({ currency: 'EUR', monthlySaleCents: 12000, monthlyPurchaseCents: 7200, monthlyMarginCents: 4800 });
    expect(res.body.sites.layout).toBe('navigation');
    expect(res.body.sites.items.map((s: { name: string; lineCount: number }) => [s.name, s.lineCount])).toEqual([['Agence Auray', 4], ['Dépôt Vannes', 4]]);
    expect(res.body.sites.items[0].fleets[0]).toMatchObject({ name: 'Mobile / Orange', lineCount: 4 });
    expect(res.body.billingSites[0]).toMatchObject({ externalRef: 'CFAST-BP-1', billingContact: { name: 'Sylvie Compta' }, references: [{ system: 'cfast' }] });
  });

  it('shows support the sites, fleets and lines but no money nor billing references', async () => {
    const res = await panel('support-n1', accountA);
    expect(res.status).toBe(200);
    expect(res.body.sections).toEqual(['sites', 'summary']);
    expect(res.body).not.toHaveProperty('finance');
    expect(res.body).not.toHaveProperty('billingSites');
    expect(res.body.summary).not.toHaveProperty('externalRefs');
  });

  it('shows accounting the billing sites, references, amounts and margin, not the fleets', async () => {
    const res = await panel('accounting', accountA);
    expect(res.body.sections).toEqual(['billingSites', 'externalRefs', 'finance', 'margin', 'summary']);
    expect(res.body.finance.monthlyMarginCents).toBe(4800);
  });

  it('shows the client its own lines and sale prices only, and no other account', async () => {
    const res = await panel('client', accountA);
    expect(res.body.sections).toEqual(['finance', 'sites', 'summary']);
    expect(res.body.finance).toEqual({ currency: 'EUR', monthlySaleCents: 12000 });
    expect((await panel('client', accountB)).status).toBe(404);
  });

  it('limits a partner to its brand: another brand\'s account answers 404 everywhere, its lines are not read', async () => {
    expect((await panel('partner', accountA)).status).toBe(200);
    const refused = await panel('partner', accountB);
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    const partner = asUser(t.app, tokens.partner!);
    expect((await partner.get(`/api/v1/accounts/${accountB}`)).status).toBe(404);
    expect((await partner.get(`/api/v1/accounts/${accountA}`)).status).toBe(200);
    const listed = await partner.get('/api/v1/accounts?limit=100');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([accountA]);
    const contacts = await partner.get('/api/v1/contacts?limit=100');
    expect([...new Set(contacts.body.items.map((c: { accountId: string }) => c.accountId))]).toEqual([accountA]);
    // Row-level security itself: the partner's transaction reads only its brand's lines and brands.
    const seen = await withTenant({ tenantId: tenant.tenantId, userId: tenant.userIds.partner }, async (trx) => ({
      accounts: (await trx('telecomLines').distinct('accountId')).map((r: { accountId: string }) => r.accountId),
      brands: (await trx('telecomBrands').select('id')).map((r: { id: string }) => r.id),
    }), t.knex);
    expect(seen).toEqual({ accounts: [accountA], brands: [brandA] });
    expect((await asUser(t.app, tokens.partner!).get('/api/v1/telecom/brands/mine')).body.brand).toMatchObject({ id: brandA, key: 'armor' });
  });

  it('gives a partner bound to no brand no client at all (never every client)', async () => {
    const [unbound] = await t.admin('users').insert({ tenantId: tenant.tenantId, email: `${uniqueName('partenaire').replace(/\s/g, '-')}@brands.test`, displayName: 'Partenaire sans marque', type: 'partner', passwordHash: 'x' }).returning('id');
    const seen = await withTenant({ tenantId: tenant.tenantId, userId: unbound.id }, async (trx) => Number((await trx('accounts').count<{ count: string }[]>('id as count'))[0]!.count), t.knex);
    expect(seen).toBe(0);
  });

  it('lets the direction set a brand\'s branding, logo and users; refuses bad input in French, writing nothing', async () => {
    const direction = asUser(t.app, tokens.direction!);
    const brand = await direction.get(`/api/v1/telecom/brands/${brandB}`);
    expect(brand.status).toBe(200);
    const patch = (body: unknown, ifMatch: string) => request(t.app).patch(`/api/v1/telecom/brands/${brandB}/branding`)
      .set('Authorization', `Bearer ${tokens.direction}`).set('If-Match', ifMatch).set('Accept-Language', 'fr').send(body as object);
    const set = await patch({ primaryColor: '#6A1B9A', secondaryColor: '#26A69A', mailSenderName: 'Iroise Connect' }, brand.headers.etag);
    expect(set.status).toBe(200);
    expect(set.body.branding).toMatchObject({ primaryColor: '#6A1B9A', mailSenderName: 'Iroise Connect', version: 1 });

    expect((await patch({ primaryColor: 'violet' }, '"1"')).status).toBe(400);
    expect((await patch({ primaryColor: '#000000' }, '"0"')).status).toBe(412);
    const logo = await request(t.app).put(`/api/v1/telecom/brands/${brandB}/logo`).set('Authorization', `Bearer ${tokens.direction}`).set('If-Match', '"1"').set('Accept-Language', 'fr')
      .attach('file', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { filename: 'logo.png', contentType: 'image/png' });
    expect(logo.status).toBe(422);
    expect(logo.body.detail).toMatch(/PNG, JPEG ou WebP/);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478016360f8cf0000030101009c2a6b1e0000000049454e44ae426082', 'hex');
    const good = await request(t.app).put(`/api/v1/telecom/brands/${brandB}/logo`).set('Authorization', `Bearer ${tokens.direction}`).set('If-Match', '"1"').attach('file', png, { filename: 'logo.png' });
    expect(good.status).toBe(200);
    expect(good.body.branding.logo).toMatch(/^data:image\/png;base64,/);
    const row = await t.admin('telecomBrandBrandings').where({ brandId: brandB }).first('primaryColor', 'version');
    expect(row).toEqual({ primaryColor: '#6A1B9A', version: 2 });

    const notPartner = await direction.put(`/api/v1/telecom/brands/${brandB}/members`, { userIds: [tenant.userIds['support-n1']] });
    expect(notPartner.status).toBe(422);
    expect(await t.admin('telecomBrandUsers').where({ brandId: brandB }).first()).toBeUndefined();
    expect((await asUser(t.app, tokens['support-n1']!).get('/api/v1/telecom/brands')).status).toBe(403);
    expect((await direction.get(`/api/v1/telecom/brands/${otherBrand}`)).status).toBe(404);
    expect((await direction.get('/api/v1/telecom/brands/pas-un-uuid')).status).toBe(404);
    expect((await panel('direction', 'pas-un-uuid')).status).toBe(404);
  });

  it('moves a client to another brand inline with the profile\'s version; its partners follow, the timeline keeps it', async () => {
    const version = (await panel('direction', accountB)).body.summary.profileVersion as number;
    const put = (role: string, brandId: string | null, ifMatch: string) => request(t.app).put(`/api/v1/telecom/accounts/${accountB}/brand`)
      .set('Authorization', `Bearer ${tokens[role]}`).set('If-Match', ifMatch).set('Accept-Language', 'fr').send({ brandId });
    expect((await put('support-n1', brandA, `"${version}"`)).status).toBe(403);
    const foreign = await put('manager', otherBrand, `"${version}"`);
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail).toMatch(/n’existe pas/);
    expect((await put('manager', brandA, `"${version + 1}"`)).status).toBe(412);
    expect((await t.admin('telecomAccountProfiles').where({ accountId: accountB }).first('brandId')).brandId).toBe(brandB);
    const moved = await put('manager', brandA, `"${version}"`);
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ brandId: brandA, version: version + 1 });
    expect((await panel('partner', accountB)).status).toBe(200);
    const history = await t.admin('history').where({ recordType: 'account', recordId: accountB, action: 'update' }).orderBy('id', 'desc').first('changes');
    expect(history.changes).toEqual({ brandId: { before: brandB, after: brandA } });
    expect((await put('manager', brandB, `"${version + 1}"`)).status).toBe(200);
    expect((await panel('partner', accountB)).status).toBe(404);
  });
});
