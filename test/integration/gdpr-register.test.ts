import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';

/**
 * The register of processing activities (issue 15): pre-filled from the modules' declarations, read and
 * edited by the data protection officer of each organisation only, exported as the CNIL's model (PDF).
 */
describe('GET/PUT /api/v1/gdpr/register', () => {
  let t: TestContext;
  let dpo: string;
  let otherDpo: string;
  let admin: string;
  beforeAll(async () => {
    t = testContext();
    [dpo, otherDpo, admin] = (await Promise.all([loginAs(t.app, 'dpo', 'msp'), loginAs(t.app, 'dpo', 'epic-events'), loginAs(t.app, 'admin', 'msp')])).map((l) => l.accessToken);
  });
  afterAll(() => t.close());

  const get = (token: string, url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`);
  const put = (token: string, url: string, version: string) => request(t.app).put(url).set('Authorization', `Bearer ${token}`).set('If-Match', version);

  it('answers the organisation\'s activities pre-filled from its modules: the core\'s and its verticals\', not another vertical\'s', async () => {
    const res = await get(dpo, '/api/v1/gdpr/register').expect(200);
    const keys = res.body.activities.map((a: { key: string }) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['core.customers', 'identity.accounts', 'billing.invoicing', 'planning.agenda', 'psa.support', 'psa.prospection']));
    expect(keys).not.toContain('events.clients');
    expect(res.body.organisation.slug).toBe('msp');
    const invoicing = res.body.activities.find((a: { key: string }) => a.key === 'billing.invoicing');
    expect(invoicing).toMatchObject({
      legalBasis: 'legal-obligation', legalBasisLabel: 'Obligation légale (art. 6.1.c)', edited: false, version: 0,
      retention: { duration: 'P10Y', legalReference: expect.stringContaining('L123-22') },
    });
    // Categories of data and columns come from the personal columns that serve the activity.
    expect(invoicing.columns).toEqual(expect.arrayContaining([{ table: 'billing_invoices', column: 'buyer', category: 'identity', categoryLabel: 'État civil, identité', sensitive: false, operator: 'keep' }]));
    const agenda = res.body.activities.find((a: { key: string }) => a.key === 'planning.agenda');
    expect(agenda.dataCategories).toEqual(expect.arrayContaining([{ key: 'health', label: 'Santé (donnée sensible)', sensitive: true }]));
  });

  it('is the data protection officer\'s: another role is refused in French', async () => {
    const res = await get(admin, '/api/v1/gdpr/register').expect(403);
    expect(res.body.detail).toBe('Le registre des traitements est réservé au délégué à la protection des données');
    const entry = {
      name: 'Clients', purpose: 'Fichier clients', legalBasis: 'contract', dataSubjects: ['Clients'], recipients: ['Support'],
      retention: { duration: 'P3Y', from: 'après le dernier contact' }, securityMeasures: [],
    };
    expect((await put(admin, '/api/v1/gdpr/register/core.customers', '*').send(entry).expect(403)).body.detail)
      .toBe('Seul le délégué à la protection des données modifie le registre des traitements');
  });

  it('the officer rewrites an entry (If-Match on its version, 0 until edited); another organisation never sees it', async () => {
    const current = (await get(dpo, '/api/v1/gdpr/register/core.customers').expect(200).expect('ETag', '"0"')).body;
    const entry = {
      name: current.name, purpose: 'Fichier clients de Relais MSP : contrats d’infogérance et support', legalBasis: 'contract',
      dataSubjects: ['Contacts des entreprises clientes'], recipients: ['Service support', 'Service commercial'],
      retention: { duration: 'P3Y', from: 'après la fin du contrat', legalReference: null },
      securityMeasures: ['Accès nominatifs', 'Sauvegardes chiffrées quotidiennes'], transfersOutsideEu: null,
    };
    const saved = await put(dpo, '/api/v1/gdpr/register/core.customers', '"0"').send(entry).expect(200).expect('ETag', '"1"');
    expect(saved.body).toMatchObject({ ...entry, edited: true, version: 1, key: 'core.customers' });
    expect(saved.body.columns.length).toBeGreaterThan(0);
    // A stale version is refused, and changes nothing.
    await put(dpo, '/api/v1/gdpr/register/core.customers', '"0"').send({ ...entry, purpose: 'Autre' }).expect(412);
    expect((await get(dpo, '/api/v1/gdpr/register/core.customers')).body.purpose).toBe(entry.purpose);

    const other = (await get(otherDpo, '/api/v1/gdpr/register').expect(200)).body;
    expect(other.organisation.slug).toBe('epic-events');
    expect(other.activities.find((a: { key: string }) => a.key === 'core.customers')).toMatchObject({ edited: false, version: 0 });
    expect(JSON.stringify(other)).not.toContain('Relais MSP');
    // Under row-level security, the other organisation's rows are not there at all.
    const rows = await withTenant({ tenantId: await tenantId(t.admin, 'epic-events') }, (trx) => trx('gdprRegisterEntries').select('activityKey'), t.knex);
    expect(rows).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, an unknown activity with a 404, and changes nothing', async () => {
    const bad = await put(dpo, '/api/v1/gdpr/register/psa.support', '*').send({ name: '', legalBasis: 'whim', purpose: 'Support\u0000', retention: { duration: '3 ans' } }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'legalBasis', 'purpose', 'retention.duration']));
    expect((await get(dpo, '/api/v1/gdpr/register/psa.support')).body.edited).toBe(false);
    await get(dpo, '/api/v1/gdpr/register/events.clients').expect(404);
    await get(dpo, '/api/v1/gdpr/register/NOT%20A%20KEY').expect(400);
  });

  it('who manages the collaborators names a data protection officer, who then reads the register; not themself', async () => {
    const email = `dpo-${Date.now()}@msp.demo`;
    const created = await request(t.app).post('/api/v1/users').set('Authorization', `Bearer ${admin}`)
      .send({ email, displayName: 'Nolwenn Conformité', roles: ['dpo'], password: 'une phrase de passe longue' }).expect(201);
    expect(created.body.roles).toEqual(['dpo']);
    const login = await request(t.app).post('/api/v1/auth/login').send({ email, password: 'une phrase de passe longue', tokenTransport: 'body' }).expect(200);
    await get(login.body.accessToken, '/api/v1/gdpr/register').expect(200);
    const me = (await get(admin, '/api/v1/auth/me').expect(200)).body;
    const own = await request(t.app).patch(`/api/v1/users/${me.user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ roles: ['admin', 'dpo'] });
    expect(own.status).toBe(403);
  });

  it('exports the register as a PDF document', async () => {
    const res = await get(dpo, '/api/v1/gdpr/register.pdf').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200).expect('Content-Type', 'application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['content-disposition']).toContain('registre-traitements-msp.pdf');
  });
});
