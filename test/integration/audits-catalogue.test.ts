import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { testContext, loginAs, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The control catalogue, a mission's checklist and the finding library (issue 16, ADR 0034) through the
 * API: versions on edit with missions keeping their copy, bulk selection idempotent, answers with If-Match
 * (412 with the current row), an auditor not on the mission answered 404, bad input refused in French
 * changing nothing, another organisation never sees anything. Two organisations of this file's own.
 */
describe('/api/v1/audits/catalogue, /missions/{id}/checks, /findings-library', () => {
  let t: TestContext;
  let firm: OwnTenant;
  let other: OwnTenant;
  let lead: string;
  let auditor: string;
  let administration: string;
  let candidate: string;
  let otherLead: string;
  let mine: string;
  let notMine: string;
  let siteId: string;

  const api = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object, version = '*') => request(t.app).patch(url).set('Authorization', `Bearer ${token}`).set('If-Match', version).send(body),
    delete: (url: string) => request(t.app).delete(url).set('Authorization', `Bearer ${token}`),
  });

  async function mission(tenant: OwnTenant, number: number, auditorIds: string[]): Promise<string> {
    const [{ next }] = await t.admin('accounts').where({ tenantId: tenant.tenantId }).select(t.admin.raw('coalesce(max(number), 0) + 1 as next'));
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: next, name: `Mairie ${number}` }).returning('id');
    const [row] = await t.admin('auditMissions').insert({
      tenantId: tenant.tenantId, number, accountId: account.id, title: `Audit ${number}`, status: 'on_site',
      scopes: ['network', 'servers'], leadId: tenant.userIds['mission-lead'], auditorIds,
    }).returning('id');
    return row.id as string;
  }

  beforeAll(async () => {
    t = testContext();
    [firm, other] = await Promise.all([createOwnTenant(t.admin, 'catalogue', ['audits']), createOwnTenant(t.admin, 'catalogue-other', ['audits'])]);
    [lead, auditor, administration, candidate, otherLead] = (await Promise.all([
      loginAs(t.app, 'mission-lead', firm.slug), loginAs(t.app, 'auditor', firm.slug), loginAs(t.app, 'administration', firm.slug),
      loginAs(t.app, 'candidate', firm.slug), loginAs(t.app, 'mission-lead', other.slug),
    ])).map((l) => l.accessToken);
    mine = await mission(firm, 1, [firm.userIds.auditor!]);
    notMine = await mission(firm, 2, []);
    const accountId = (await t.admin('auditMissions').where({ id: mine }).first('accountId')).accountId;
    [{ id: siteId }] = await t.admin('sites').insert({ tenantId: firm.tenantId, accountId, name: 'Hôtel de ville' }).returning('id');
    await t.admin('auditMissionSites').insert({ tenantId: firm.tenantId, missionId: mine, siteId });
    const points = [
      { code: 'RES-01', scope: 'network', title: 'Réseau invités séparé du réseau interne', references: ['ANSSI Guide d’hygiène, mesure 24'], appliesTo: ['wifi'] },
      { code: 'RES-02', scope: 'network', title: 'Administration des équipements réseau depuis un réseau dédié', references: ['ANSSI Guide d’hygiène, mesure 25'] },
      { code: 'SRV-01', scope: 'servers', title: 'Systèmes d’exploitation maintenus par leur éditeur', guidance: 'Relever les versions de Windows Server', appliesTo: ['windows-server'] },
      { code: 'SEN-01', scope: 'awareness', title: 'Sensibilisation annuelle du personnel' },
    ];
    for (const p of points) await api(lead).post('/api/v1/audits/catalogue', p).expect(201);
  });
  afterAll(() => t.close());

  it('lists by scope and searches in French; editing makes a new version, the former retired; the auditor and the administration read', async () => {
    const network = (await api(auditor).get('/api/v1/audits/catalogue?scope=network').expect(200)).body.items;
    expect(network.map((p: { code: string }) => p.code)).toEqual(['RES-01', 'RES-02']);
    const found = (await api(administration).get(`/api/v1/audits/catalogue?q=${encodeURIComponent('systeme exploitation')}`).expect(200)).body.items;
    expect(found.map((p: { code: string }) => p.code)).toEqual(['SRV-01']);
    expect((await api(auditor).get('/api/v1/audits/catalogue?q=wifi').expect(200)).body.items[0].code).toBe('RES-01');

    const first = network[1];
    const edited = await api(lead).patch(`/api/v1/audits/catalogue/${first.id}`, { guidance: 'Vérifier le VLAN d’administration' }, '"1"').expect(200);
    expect(edited.body).toMatchObject({ code: 'RES-02', catalogueVersion: 2, guidance: 'Vérifier le VLAN d’administration', retiredAt: null });
    expect(edited.headers.location).toBe(`/api/v1/audits/catalogue/${edited.body.id}`);
    const former = (await api(lead).get(`/api/v1/audits/catalogue/${first.id}`).expect(200)).body;
    expect(former).toMatchObject({ catalogueVersion: 1, replacedBy: edited.body.id });
    expect(former.retiredAt).not.toBeNull();
    await api(lead).patch(`/api/v1/audits/catalogue/${first.id}`, { title: 'Encore' }).expect(409);
    const history = (await api(lead).get('/api/v1/audits/catalogue?code=RES-02&retired=true').expect(200)).body.items;
    expect(history.map((p: { catalogueVersion: number }) => p.catalogueVersion)).toEqual([2, 1]);
    await api(auditor).post('/api/v1/audits/catalogue', { code: 'RES-09', scope: 'network', title: 'X' }).expect(403);
    expect((await api(candidate).get('/api/v1/audits/catalogue').expect(403)).body.detail).toBe('Le référentiel de contrôles est réservé aux équipes d’audit');
  });

  it('selects checklists in bulk, idempotent; a mission keeps the version it selected', async () => {
    const first = await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { scopes: ['network', 'servers'] }).expect(201);
    expect(first.body).toMatchObject({ added: 3, skipped: 0 });
    expect(first.body.items.map((c: { code: string }) => c.code)).toEqual(['RES-01', 'RES-02', 'SRV-01']);
    const again = await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { scopes: ['servers', 'network'] }).expect(200);
    expect(again.body).toMatchObject({ added: 0, skipped: 3 });
    const sen = (await api(lead).get('/api/v1/audits/catalogue?scope=awareness').expect(200)).body.items[0];
    const picked = await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { checkPointIds: [sen.id] }).expect(201);
    expect(picked.body.added).toBe(1);
    await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { scopes: ['servers'], siteId }).expect(201);

    const srv = (await api(lead).get('/api/v1/audits/catalogue?scope=servers').expect(200)).body.items[0];
    await api(lead).patch(`/api/v1/audits/catalogue/${srv.id}`, { title: 'Systèmes maintenus (revu)' }).expect(200);
    const list = (await api(auditor).get(`/api/v1/audits/missions/${mine}/checks`).expect(200)).body;
    expect(list.items.find((c: { code: string }) => c.code === 'SRV-01')).toMatchObject({ title: 'Systèmes d’exploitation maintenus par leur éditeur', catalogueVersion: 1 });
    expect(list.progress).toMatchObject({ total: 5, done: 0, not_checked: 5 });
  });

  it('answers with If-Match: 412 with the current row on conflict; an auditor not on the mission gets 404', async () => {
    const [check] = (await api(auditor).get(`/api/v1/audits/missions/${mine}/checks`).expect(200)).body.items;
    const url = `/api/v1/audits/missions/${mine}/checks/${check.id}`;
    const answered = await api(auditor).patch(url, { answer: 'non_compliant', observation: 'Wi-Fi invités sur le VLAN interne' }, '"1"').expect(200);
    expect(answered.body).toMatchObject({ answer: 'non_compliant', version: 2, answeredBy: firm.userIds.auditor });
    expect(answered.headers.etag).toBe('"2"');
    const stale = await api(lead).patch(url, { answer: 'compliant' }, '"1"').expect(412);
    expect(stale.body.current).toMatchObject({ id: check.id, answer: 'non_compliant', version: 2 });
    await api(auditor).patch(url, { answer: 'compliant' }).set('If-Match', '').expect(428);

    await api(auditor).get(`/api/v1/audits/missions/${notMine}/checks`).expect(404);
    await api(lead).post(`/api/v1/audits/missions/${notMine}/checks`, { scopes: ['network'] }).expect(201);
    const [theirs] = (await api(lead).get(`/api/v1/audits/missions/${notMine}/checks`).expect(200)).body.items;
    const refused = await api(auditor).patch(`/api/v1/audits/missions/${notMine}/checks/${theirs.id}`, { answer: 'compliant' }).expect(404);
    expect(refused.body.detail).toBe('Cette mission n’existe pas ou ne vous est pas attribuée');
    await api(auditor).post(`/api/v1/audits/missions/${mine}/checks`, { scopes: ['awareness'] }).expect(403);
    await api(administration).get(`/api/v1/audits/missions/${notMine}/checks`).expect(200);
    await api(administration).patch(`/api/v1/audits/missions/${notMine}/checks/${theirs.id}`, { answer: 'compliant' }).expect(403);
    await api(candidate).get(`/api/v1/audits/missions/${mine}/checks`).expect(403);
  });

  it('refuses bad input in French and writes nothing', async () => {
    const before = await t.admin('auditMissionChecks').where({ missionId: mine }).select('id', 'answer', 'version').orderBy('id');
    const points = await t.admin('auditCheckPoints').where({ tenantId: firm.tenantId }).count('* as n').first();
    const bad = await api(lead).post('/api/v1/audits/catalogue', { code: 'mauvais code', scope: 'cuisine', title: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['code', 'scope', 'title']));
    expect(bad.body.detail).toMatch(/^Requête invalide/);
    const taken = await api(lead).post('/api/v1/audits/catalogue', { code: 'RES-01', scope: 'network', title: 'Doublon' }).expect(409);
    expect(taken.body.detail).toBe('Le code RES-01 est déjà utilisé par un point de contrôle en vigueur');
    await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { scopes: [] }).expect(400);
    await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { scopes: ['network'], checkPointIds: [] }).expect(400);
    const unknown = await api(lead).post(`/api/v1/audits/missions/${mine}/checks`, { checkPointIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(unknown.body.detail).toBe('Certains points de contrôle choisis n’existent pas ou sont retirés du référentiel');
    const check = before[0]!;
    await api(auditor).patch(`/api/v1/audits/missions/${mine}/checks/${check.id}`, { answer: 'peut-être' }).expect(400);
    await api(auditor).patch(`/api/v1/audits/missions/${mine}/checks/${check.id}`, {}).expect(400);
    await api(auditor).get('/api/v1/audits/missions/pas-un-id/checks').expect(400);
    expect(await t.admin('auditMissionChecks').where({ missionId: mine }).select('id', 'answer', 'version').orderBy('id')).toEqual(before);
    expect(await t.admin('auditCheckPoints').where({ tenantId: firm.tenantId }).count('* as n').first()).toEqual(points);
  });

  it('keeps the finding library: written by leads, searched, improved from a mission', async () => {
    const created = await api(lead).post('/api/v1/audits/findings-library', {
      title: 'Protocole SMBv1 activé', description: 'Le protocole SMBv1 est activé sur des serveurs de fichiers.', risk: 'Propagation de rançongiciels (EternalBlue).',
      recommendation: 'Désactiver SMBv1.', references: ['ANSSI Guide d’hygiène, mesure 34'], defaultSeverity: 'high', scopes: ['servers'], tags: ['smb', 'windows-server'],
    }).expect(201);
    const found = (await api(auditor).get(`/api/v1/audits/findings-library?q=${encodeURIComponent('rançongiciel')}`).expect(200)).body.items;
    expect(found.map((f: { id: string }) => f.id)).toEqual([created.body.id]);
    await api(auditor).post('/api/v1/audits/findings-library', { title: 'X' }).expect(403);
    const improved = await api(lead).post(`/api/v1/audits/findings-library/${created.body.id}/improve`, {
      missionId: mine, recommendation: 'Désactiver SMBv1 par GPO et vérifier avec Get-SmbServerConfiguration.', references: ['ISO/IEC 27002:2022 8.20'],
    }).expect(200);
    expect(improved.body).toMatchObject({ usageCount: 1, version: 2, references: ['ANSSI Guide d’hygiène, mesure 34', 'ISO/IEC 27002:2022 8.20'] });
    const same = await api(lead).post(`/api/v1/audits/findings-library/${created.body.id}/improve`, { missionId: mine, recommendation: improved.body.recommendation }).expect(422);
    expect(same.body.detail).toBe('Le constat de la mission ne dit rien de plus que la bibliothèque');
    await api(lead).patch(`/api/v1/audits/findings-library/${created.body.id}`, { title: 'SMBv1' }, '"1"').expect(412);

    // From the auditor's finding captured on site (sealed at rest, opened through the capture's read path).
    // Inserted into the mission: one use (capture-records → noteLibraryUse); taken back: one more.
    const findingId = '6f1e1f54-3c2a-4d7e-9a55-0c1f5a0b9e11';
    await api(auditor).post(`/api/v1/audits/missions/${mine}/findings`, {
      id: findingId, title: 'SMBv1', libraryFindingId: created.body.id, risk: 'Chiffrement du serveur de fichiers par un rançongiciel en quelques minutes.',
      rating: { method: 'grid', likelihood: 3, impact: 4 },
    }).expect(201);
    const taken = await api(lead).post(`/api/v1/audits/findings-library/${created.body.id}/improve`, { missionId: mine, findingId }).expect(200);
    expect(taken.body).toMatchObject({ usageCount: 3, risk: 'Chiffrement du serveur de fichiers par un rançongiciel en quelques minutes.' });
    const missing = await api(lead).post(`/api/v1/audits/findings-library/${created.body.id}/improve`, { missionId: notMine, findingId }).expect(404);
    expect(missing.body.detail).toBe('Ce constat n’existe pas dans cette mission');
  });

  it('the demo firm has its catalogue across the eight scopes, its library, and its missions\' checklists answered', async () => {
    const cassandre = (await t.admin('tenants').where({ slug: 'cassandre' }).first('id')).id;
    const byScope = await t.admin('auditCheckPoints').where({ tenantId: cassandre }).whereNull('retiredAt').groupBy('scope').select('scope').count('* as n');
    expect(byScope).toHaveLength(8);
    expect(byScope.reduce((sum: number, r) => sum + Number(r.n), 0)).toBeGreaterThanOrEqual(60);
    expect(Number((await t.admin('auditLibraryFindings').where({ tenantId: cassandre }).count('* as n').first())!.n)).toBeGreaterThanOrEqual(15);
    const answered = await t.admin('auditMissionChecks as c').join('auditMissions as m', 'm.id', 'c.missionId')
      .where('c.tenantId', cassandre).whereIn('m.status', ['drafting', 'review', 'delivered']).whereNot('c.answer', 'not_checked').count('* as n').first();
    expect(Number(answered!.n)).toBeGreaterThan(0);
  });

  it('answers as the OpenAPI document describes them', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const check = (path: string, method: string, body: unknown) => {
      const matches = ajv.compile(doc.paths[path][method].responses['200'].content['application/json'].schema);
      expect({ path, valid: matches(body), errors: matches.errors ?? null }).toEqual({ path, valid: true, errors: null });
    };
    check('/api/v1/audits/catalogue', 'get', (await api(lead).get('/api/v1/audits/catalogue?retired=true').expect(200)).body);
    check('/api/v1/audits/findings-library', 'get', (await api(auditor).get('/api/v1/audits/findings-library').expect(200)).body);
    const checks = (await api(auditor).get(`/api/v1/audits/missions/${mine}/checks`).expect(200)).body;
    check('/api/v1/audits/missions/{id}/checks', 'get', checks);
    const answered = await api(auditor).patch(`/api/v1/audits/missions/${mine}/checks/${checks.items[1].id}`, { answer: 'not_applicable' }).expect(200);
    check('/api/v1/audits/missions/{id}/checks/{checkId}', 'patch', answered.body);
  });

  it('another organisation never sees the catalogue, the library or a mission\'s checklist', async () => {
    expect((await api(otherLead).get('/api/v1/audits/catalogue').expect(200)).body.items).toEqual([]);
    expect((await api(otherLead).get('/api/v1/audits/findings-library').expect(200)).body.items).toEqual([]);
    await api(otherLead).get(`/api/v1/audits/missions/${mine}/checks`).expect(404);
    const point = (await api(lead).get('/api/v1/audits/catalogue').expect(200)).body.items[0];
    await api(otherLead).get(`/api/v1/audits/catalogue/${point.id}`).expect(404);
    await api(otherLead).patch(`/api/v1/audits/catalogue/${point.id}`, { title: 'Pris' }).expect(404);
  });
});
