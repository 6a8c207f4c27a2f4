import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Who to ask again (issue 15, docs/adr/0024): once the data protection officer publishes a new version of a
 * purpose's text, `GET /api/v1/gdpr/consent-renewals` lists the people whose consent in force names an older one
 * — not those who withdrew or agreed to the current text; the officer only, bad input refused in French.
 */
describe('consent renewals: /api/v1/gdpr/consent-renewals', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'gdpr-renewal');
    for (const role of ['dpo', 'manager']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
  });
  afterAll(() => t.close());

  const as = (role: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${tokens[role]}`).set('Accept-Language', 'fr'),
    post: (url: string, body: unknown) => request(t.app).post(url).set('Authorization', `Bearer ${tokens[role]}`).send(body as object),
  });

  it('lists, per channel, the people who agreed to an older text; not those who withdrew nor those on the current one', async () => {
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Fromagerie Roux' }).returning('id');
    const [ancien, retire, nouveau] = (await t.admin('contacts').insert([
      { tenantId: tenant.tenantId, accountId: account.id, firstName: 'Agathe', lastName: 'Roux' },
      { tenantId: tenant.tenantId, accountId: account.id, firstName: 'Bruno', lastName: 'Roux' },
      { tenantId: tenant.tenantId, accountId: account.id, firstName: 'Chloé', lastName: 'Roux' },
    ]).returning('id')).map((r) => String(r.id));
    const grant = (id: string, decision = 'opt-in') => as('dpo').post('/api/v1/gdpr/consents', { subject: { kind: 'contact', id }, purpose: 'comms.marketing', channel: 'mail', decision, source: 'form' }).expect(201);

    expect((await as('dpo').get('/api/v1/gdpr/consent-renewals?purpose=comms.marketing').expect(200)).body).toEqual({ purpose: 'comms.marketing', currentVersion: null, items: [] });
    await as('dpo').post('/api/v1/gdpr/consent-texts', { purpose: 'comms.marketing', title: 'Offres', body: 'J’accepte les offres.' }).expect(201);
    await grant(ancien);
    await grant(retire);
    await grant(retire, 'opt-out');
    await as('dpo').post('/api/v1/gdpr/consent-texts', { purpose: 'comms.marketing', title: 'Offres 2027', body: 'J’accepte les offres et la lettre.' }).expect(201);
    await grant(nouveau);

    const renewals = (await as('dpo').get('/api/v1/gdpr/consent-renewals?purpose=comms.marketing').expect(200)).body;
    expect(renewals).toEqual({
      purpose: 'comms.marketing', currentVersion: 2,
      items: [{ subject: { kind: 'contact', id: ancien, label: 'Agathe Roux' }, channel: 'mail', textVersion: 1, since: expect.any(String) }],
    });
    // The person is still allowed meanwhile: the state only says the text is outdated.
    const state = (await as('dpo').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${ancien}`).expect(200)).body;
    expect(JSON.stringify(state)).toContain('"textOutdated":true');
  });

  it('the officer only; a bad purpose is refused in French', async () => {
    expect((await as('manager').get('/api/v1/gdpr/consent-renewals?purpose=comms.marketing')).status).toBe(403);
    const bad = await as('dpo').get('/api/v1/gdpr/consent-renewals?purpose=Pas%20une%20finalit%C3%A9').expect(400);
    expect(JSON.stringify(bad.body)).toContain('n\'est pas une valeur acceptée');
  });
});
