import request from 'supertest';
import { testContext, loginAs, tenantId, userId, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Audit missions (issue 16, ADR 0033) through the API: an auditor lists and opens only the missions
 * naming them (404 on another), the mission lead sees all (the demo firm too), another organisation
 * never sees them, the status moves by its action with its history, bad input is refused in French
 * and changes nothing. Two organisations of this file's own, and Cassandre's demo read only.
 */
describe('/api/v1/audits/missions', () => {
  let t: TestContext;
  let firm: OwnTenant;
  let other: OwnTenant;
  let lead: string;
  let auditor: string;
  let otherLead: string;
  let accountId: string;
  let siteId: string;
  let mine: string;
  let notMine: string;

  const api = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr'),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr').send(body),
    put: (url: string, body: object = {}) => request(t.app).put(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr').send(body),
    patch: (url: string, body: object) => request(t.app).patch(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr').set('If-Match', '*').send(body),
  });

  beforeAll(async () => {
    t = testContext();
    [firm, other] = await Promise.all([createOwnTenant(t.admin, 'missions', ['audits']), createOwnTenant(t.admin, 'missions-other', ['audits'])]);
    [lead, auditor, otherLead] = (await Promise.all([
      loginAs(t.app, 'mission-lead', firm.slug), loginAs(t.app, 'auditor', firm.slug), loginAs(t.app, 'mission-lead', other.slug),
    ])).map((l) => l.accessToken);
    const [account] = await t.admin('accounts').insert({ tenantId: firm.tenantId, number: 1, name: 'Mairie de Douarnenez' }).returning('id');
    accountId = account.id;
    [{ id: siteId }] = await t.admin('sites').insert({ tenantId: firm.tenantId, accountId, name: 'Hôtel de ville' }).returning('id');
    const created = await api(lead).post('/api/v1/audits/missions', {
      accountId, title: 'Audit du réseau de la mairie', scopes: ['network', 'awareness'], startsOn: '2026-12-14', endsOn: '2026-12-16',
      leadId: firm.userIds['mission-lead'], auditorIds: [firm.userIds.auditor],
    }).expect(201);
    mine = created.body.id;
    expect(created.body).toMatchObject({ number: expect.any(Number), status: 'new', accountName: 'Mairie de Douarnenez', auditorIds: [firm.userIds.auditor] });
    notMine = (await api(lead).post('/api/v1/audits/missions', { accountId, title: 'Audit des serveurs', scopes: ['servers'] }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('an auditor sees only the missions naming them, and 404 on another; the lead sees all', async () => {
    const listed = await api(auditor).get('/api/v1/audits/missions').expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toEqual([mine]);
    await api(auditor).get(`/api/v1/audits/missions/${mine}`).expect(200);
    const hidden = await api(auditor).get(`/api/v1/audits/missions/${notMine}`).expect(404);
    expect(hidden.body.detail).toMatch(/mission/i);
    await api(auditor).get(`/api/v1/audits/missions/${notMine}/sites`).expect(404);
    const all = await api(lead).get('/api/v1/audits/missions?status=new').expect(200);
    expect(all.body.items.map((m: { id: string }) => m.id).sort()).toEqual([mine, notMine].sort());
    const byAuditor = await api(lead).get(`/api/v1/audits/missions?auditorId=${firm.userIds.auditor}`).expect(200);
    expect(byAuditor.body.items.map((m: { id: string }) => m.id)).toEqual([mine]);
  });

  it('in the demo, mission-lead@cassandre.demo sees every mission and Yann Le Goff only his', async () => {
    const cassandre = await tenantId(t.admin, 'cassandre');
    const yann = await userId(t.admin, 'auditor', 'cassandre');
    const [{ accessToken: demoLead }, { accessToken: demoAuditor }] = await Promise.all([loginAs(t.app, 'mission-lead', 'cassandre'), loginAs(t.app, 'auditor', 'cassandre')]);
    const all = (await t.admin('auditMissions').where({ tenantId: cassandre }).select('id', 'auditorIds')) as Array<{ id: string; auditorIds: string[] }>;
    expect(all.length).toBeGreaterThanOrEqual(7);
    const seenByLead = (await api(demoLead).get('/api/v1/audits/missions?limit=200').expect(200)).body.items.map((m: { id: string }) => m.id);
    expect(seenByLead.sort()).toEqual(all.map((m) => m.id).sort());
    const seenByYann = (await api(demoAuditor).get('/api/v1/audits/missions?limit=200').expect(200)).body.items.map((m: { id: string }) => m.id);
    expect(seenByYann.sort()).toEqual(all.filter((m) => m.auditorIds.includes(yann)).map((m) => m.id).sort());
    expect(seenByYann.length).toBeLessThan(all.length);
  });

  it('another organisation never sees them', async () => {
    const listed = await api(otherLead).get('/api/v1/audits/missions').expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).not.toContain(mine);
    await api(otherLead).get(`/api/v1/audits/missions/${mine}`).expect(404);
    await api(otherLead).post(`/api/v1/audits/missions/${mine}/status`, { status: 'planned' }).expect(404);
  });

  it('sites and status move with their history; an illegal move is refused in French (409) and changes nothing', async () => {
    const site = await api(lead).put(`/api/v1/audits/missions/${mine}/sites/${siteId}`, { onSiteFrom: '2026-12-14', onSiteTo: '2026-12-15' }).expect(200);
    expect(site.body).toMatchObject({ siteName: 'Hôtel de ville', onSiteFrom: '2026-12-14' });
    const refused = await api(lead).post(`/api/v1/audits/missions/${mine}/status`, { status: 'delivered' }).expect(409);
    expect(refused.body.detail).toMatch(/« Nouvelle ».*« Livrée ».*« Planifiée »/);
    expect((await t.admin('auditMissions').where({ id: mine }).first('status', 'version'))).toMatchObject({ status: 'new' });
    // The auditor named on it may not plan it (the lead does), then takes it on site.
    await api(auditor).post(`/api/v1/audits/missions/${mine}/status`, { status: 'planned' }).expect(403);
    await api(lead).post(`/api/v1/audits/missions/${mine}/status`, { status: 'planned', reason: 'Dates confirmées avec la DSI' }).expect(200);
    const onSite = await api(auditor).post(`/api/v1/audits/missions/${mine}/status`, { status: 'on_site' }).expect(200);
    expect(onSite.body.status).toBe('on_site');
    const history = await api(lead).get(`/api/v1/audits/missions/${mine}/history`).expect(200);
    const statuses = JSON.stringify(history.body);
    expect(statuses).toContain('Dates confirmées avec la DSI');
    expect(statuses).toContain('on_site');
  });

  it('plans the on-site days in the auditors\' agendas, refusing (409, nothing planned) while one is absent', async () => {
    const planned = (await api(lead).post('/api/v1/audits/missions', { accountId, title: 'Audit des accès physiques', scopes: ['physical_access'], auditorIds: [firm.userIds.auditor] }).expect(201)).body.id;
    await api(lead).put(`/api/v1/audits/missions/${planned}/sites/${siteId}`, { onSiteFrom: '2027-01-11', onSiteTo: '2027-01-12' }).expect(200);
    const [absence] = await t.admin('planningEntries').insert({
      tenantId: firm.tenantId, userId: firm.userIds.auditor, kind: 'absence', absenceReason: 'holiday', title: 'Congés',
      startsAt: '2027-01-12T00:00:00+01:00', endsAt: '2027-01-13T00:00:00+01:00', allDay: true,
    }).returning('id');
    const availability = await api(lead).get(`/api/v1/audits/missions/${planned}/availability`).expect(200);
    expect(availability.body.items).toEqual([expect.objectContaining({ userId: firm.userIds.auditor, siteName: 'Hôtel de ville', entry: expect.objectContaining({ kind: 'absence' }) })]);
    const refused = await api(lead).post(`/api/v1/audits/missions/${planned}/plan`).expect(409);
    expect(refused.body.detail).toMatch(/congé|absent/i);
    expect(await t.admin('planningEntries').where({ recordId: planned }).first('id')).toBeUndefined();
    await t.admin('planningEntries').where({ id: absence.id }).delete();
    const done = await api(lead).post(`/api/v1/audits/missions/${planned}/plan`).expect(200);
    expect(done.body).toMatchObject({ created: 1, mission: { status: 'planned' } });
    expect(await t.admin('planningEntries').where({ recordId: planned }).select('userId', 'recordType', 'mode', 'allDay')).toEqual([{ userId: firm.userIds.auditor, recordType: 'audit-mission', mode: 'on-site', allDay: true }]);
    // Planned again: nothing more.
    expect((await api(lead).post(`/api/v1/audits/missions/${planned}/plan`).expect(200)).body.created).toBe(0);
  });

  it('the dashboard counts missions by status in the reader\'s scope; a candidate has none', async () => {
    const [byLead, byAuditor] = await Promise.all([api(lead).get('/api/v1/audits/dashboard').expect(200), api(auditor).get('/api/v1/audits/dashboard').expect(200)]);
    const total = (d: { byStatus: Record<string, number> }) => Object.values(d.byStatus).reduce((a, b) => a + b, 0);
    expect(total(byLead.body)).toBe(Number((await t.admin('auditMissions').where({ tenantId: firm.tenantId }).count<{ count: string }[]>('id as count'))[0]!.count));
    expect(total(byAuditor.body)).toBe(Number((await t.admin('auditMissions').where({ tenantId: firm.tenantId }).whereRaw('? = any(auditor_ids)', [firm.userIds.auditor]).count<{ count: string }[]>('id as count'))[0]!.count));
    expect(byAuditor.body.unpaidInvoices).toBeNull();
    expect(byLead.body).toMatchObject({ upcoming: expect.any(Array), dueForAnonymisation: [] });
    const { accessToken: candidate } = await loginAs(t.app, 'candidate', firm.slug);
    await api(candidate).get('/api/v1/audits/dashboard').expect(403);
  });

  it('bad input is refused in French (4xx) and changes nothing', async () => {
    const before = await t.admin('auditMissions').where({ tenantId: firm.tenantId }).count<{ count: string }[]>('id as count');
    const badScope = await api(lead).post('/api/v1/audits/missions', { accountId, title: 'Audit', scopes: ['cuisine'] }).expect(400);
    expect(JSON.stringify(badScope.body)).toMatch(/scopes/);
    const badDates = await api(lead).post('/api/v1/audits/missions', { accountId, title: 'Audit', startsOn: '2026-12-10', endsOn: '2026-12-01' }).expect(400);
    expect(JSON.stringify(badDates.body)).toContain('ne peut pas précéder le début de la mission');
    const foreignAccount = await api(otherLead).post('/api/v1/audits/missions', { accountId, title: 'Audit' });
    expect(foreignAccount.status).toBe(400);
    const unknownAuditor = await api(lead).post('/api/v1/audits/missions', { accountId, title: 'Audit', auditorIds: [other.userIds.auditor] }).expect(400);
    expect(JSON.stringify(unknownAuditor.body)).toContain('doit être un utilisateur actif de l’organisation');
    await api(lead).get('/api/v1/audits/missions?status=partout').expect(400);
    await api(lead).post(`/api/v1/audits/missions/${mine}/status`, { status: 'ailleurs' }).expect(400);
    await api(auditor).post('/api/v1/audits/missions', { accountId, title: 'Audit' }).expect(403);
    await api(auditor).patch(`/api/v1/audits/missions/${mine}`, { title: 'Renommé' }).expect(403);
    const after = await t.admin('auditMissions').where({ tenantId: firm.tenantId }).count<{ count: string }[]>('id as count');
    expect(after).toEqual(before);
    expect((await t.admin('auditMissions').where({ id: mine }).first('title')).title).toBe('Audit du réseau de la mairie');
  });
});
