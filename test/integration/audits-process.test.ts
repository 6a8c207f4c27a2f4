import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app';
import { serveStartRequests } from '../../api/process/start-requests';
import { seedDemoAccounts } from '../../db/seed';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { seedAuditsDemo } from '../../domain/audits/demo-seed';
import { withTenant } from '../../db/tenant-scope';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { AUDIT_TO_ANONYMISE } from '../../domain/audits/mission-process';
import { openEscrow } from '../../domain/audits/anonymisation';
import { anonymiseDay } from '../../domain/audits/anonymisation-rules';
import { processStateQuery } from '../../workflows/engine/contract';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { engineWorker, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { tenantDump } from '../support/tenant-dump';
import { until } from '../support/worker-process';

/**
 * « De l'audit à l'anonymisation » (audits.audit-to-anonymise) on Temporal's time-skipping server, driven
 * through the API as the roles would: the mission lead plans, the auditor captures on each of two sites
 * (hardware with its serial, an observation naming a person, a site note with an exact address), the report
 * is sent back once then approved, the client gets an expiring download link (valid, then 410), the quote's
 * invoice is issued; 29 days after delivery everything is there, the lead postpones once (a second time:
 * 409), and on the postponed day the mission is anonymised: no name, serial or exact address anywhere
 * (every table of the organisation, history, search, Temporal's stored histories), the statistics kept;
 * the escrowed key is destroyed on its day. A second mission, delivered, is anonymised on day 30.
 */
describe('audits: the audit → report → anonymise process, on the time-skipping server', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: ReturnType<typeof createApp>;
  let tenant: OwnTenant;
  let accountId: string;
  let siteIds: string[];
  const taskQueue = `audits-process-${process.pid}`;
  const DAY = 86_400_000;
  const PERSON = 'Kerbrat';
  const SERIAL = 'SN-QMP-77413';
  const STREET = 'rue des Ursulines';
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    // The API with the time-skipping server as its engine: tasks completed through it reach the test's workflows.
    app = createApp({ ...t.deps, temporal: async () => env.client, taskQueue });
    tenant = await createOwnTenant(t.admin, 'audproc', ['audits']);
    const admin = await as('administration');
    expect((await admin.put('/api/v1/billing/profile', COMPLETE_PROFILE)).status).toBe(200);
    const account = await admin.post('/api/v1/accounts', { ...BUYER, name: 'Clinique des Ursulines' });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId, firstName: 'Maëlle', lastName: 'Riou', email: 'dsi@clinique-ursulines.example' });
    siteIds = [];
    for (const name of ['Bâtiment A', 'Bâtiment B']) {
      const [site] = await t.admin('sites').insert({ tenantId: tenant.tenantId, accountId, name, addressLine1: `4 ${STREET}`, postalCode: '29000', city: 'Quimper' }).returning('id');
      siteIds.push(site.id);
    }
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  async function as(role: string) {
    if (!tokens.has(role)) tokens.set(role, (await loginAs(t.app, role, tenant.slug)).accessToken);
    const auth = { Authorization: `Bearer ${tokens.get(role)}`, 'Accept-Language': 'fr' };
    return {
      get: (url: string) => request(app).get(url).set(auth),
      post: (url: string, body: object = {}) => request(app).post(url).set(auth).send(body),
      put: (url: string, body: object = {}) => request(app).put(url).set(auth).send(body),
    };
  }
  const workflowId = (missionId: string) => `${tenant.tenantId}/${AUDIT_TO_ANONYMISE}/${missionId}`;
  const state = (missionId: string) => env.client.workflow.getHandle(workflowId(missionId)).query(processStateQuery);
  const waitingAt = (missionId: string, elementId: string) => until(`the process waiting at ${elementId}`, async () => ((await state(missionId)).activeElements.includes(elementId) ? true : undefined));
  const tasksOf = (role: string, missionId: string, elementId: string, count = 1) => until(`${role}'s ${elementId} tasks`, async () => {
    const res = await (await as(role)).get(`/api/v1/tasks?candidate=me&processKey=${AUDIT_TO_ANONYMISE}`);
    expect(res.status).toBe(200);
    const mine = (res.body.items as Array<{ id: string; businessKey: string; elementId: string }>).filter((x) => x.businessKey === missionId && x.elementId === elementId);
    return mine.length >= count ? mine : undefined;
  });
  const missionRow = (id: string) => t.admin('auditMissions').where({ id }).first();
  const advanceTo = async (instant: string, offsetMs: number) => {
    const wait = Date.parse(instant) + offsetMs - await env.currentTimeMs();
    if (wait > 0) await skipTime(env, wait);
  };
  const anonymised = (id: string) => until('the anonymisation', async () => ((await missionRow(id)).status === 'anonymised' ? true : undefined));

  it('starts the demo\'s missions where they stand: delivered ones wait for their anonymisation day, one postponed, last year\'s anonymised in the statistics', async () => {
    const demo = DEMO_TENANTS.find((x) => x.slug === 'cassandre')!;
    const own = await createOwnTenant(t.admin, 'audproc-demo', ['audits']);
    await seedDemoAccounts(t.admin, own.tenantId, demo, own.userIds);
    await seedAuditsDemo(t.admin, { tenantId: own.tenantId, slug: own.slug, userIds: own.userIds });
    await seedAuditsDemo(t.admin, { tenantId: own.tenantId, slug: own.slug, userIds: own.userIds });
    await installShippedProcesses(t.admin, [own.tenantId]);
    const deps = { ...t.deps, temporal: async () => env.client, taskQueue };
    const missions: Array<{ id: string; status: string; anonymiseOn: string | null; anonymisationPostponedUntil: string | null }> = await t.admin('auditMissions')
      .where({ tenantId: own.tenantId }).select('id', 'status', 'anonymiseOn', 'anonymisationPostponedUntil');
    const waiting = missions.filter((m) => m.status !== 'anonymised');
    await serveStartRequests(deps, { tenantIds: [own.tenantId] });
    expect(await t.admin('processInstances').where({ tenantId: own.tenantId, processKey: AUDIT_TO_ANONYMISE }).count({ n: '*' }).first()).toEqual({ n: waiting.length });
    const at: Record<string, string> = { new: 'PlanMission', planned: 'OnSiteDay', on_site: 'CaptureSite', drafting: 'ReportSubmitted', review: 'ReviewOutcome', delivered: 'AwaitAnonymisation' };
    const id = (m: { id: string }) => `${own.tenantId}/${AUDIT_TO_ANONYMISE}/${m.id}`;
    for (const m of waiting) {
      await until(`demo mission (${m.status}) at ${at[m.status]}`, async () => ((await env.client.workflow.getHandle(id(m)).query(processStateQuery)).activeElements.includes(at[m.status]!) ? true : undefined));
    }
    const today = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
    const delivered = missions.filter((m) => m.status === 'delivered');
    expect(delivered.length).toBeGreaterThan(0);
    for (const m of delivered) expect(String(m.anonymiseOn) > today).toBe(true);
    expect(delivered.filter((m) => m.anonymisationPostponedUntil)).toHaveLength(1);
    const anonymisedIds = missions.filter((m) => m.status === 'anonymised').map((m) => m.id);
    expect(await t.admin('auditMissionStatistics').where({ tenantId: own.tenantId }).whereIn('missionId', anonymisedIds).count({ n: '*' }).first()).toEqual({ n: anonymisedIds.length });
  });

  it('runs the mission from its plan to its anonymisation, leaving no name, serial or exact address anywhere', async () => {
    const admin = await as('administration');
    const lead = await as('mission-lead');
    const auditor = await as('auditor');
    // The quote the client accepted.
    const quote = await admin.post('/api/v1/billing/quotes', { accountId, lines: [{ description: 'Audit de sécurité — 3 jours', quantity: 3, unitPriceCents: 90_000, vatRateBasisPoints: 2000 }] });
    expect(quote.status).toBe(201);
    expect((await admin.post(`/api/v1/billing/quotes/${quote.body.id}/send`)).status).toBe(200);
    expect((await admin.post(`/api/v1/billing/quotes/${quote.body.id}/accept`, { invoice: 'none', issue: false })).status).toBe(200);
    const created = await lead.post('/api/v1/audits/missions', {
      accountId, title: 'Audit sécurité clinique', scopes: ['network', 'physical_access'], leadId: tenant.userIds['mission-lead'], auditorIds: [tenant.userIds.auditor], quoteId: quote.body.id,
    });
    expect(created.status).toBe(201);
    const missionId = String(created.body.id);
    for (const [i, siteId] of siteIds.entries()) {
      expect((await lead.put(`/api/v1/audits/missions/${missionId}/sites/${siteId}`, { onSiteFrom: `2026-03-0${2 + i}`, onSiteTo: `2026-03-0${3 + i}`, notes: `Accès par le 4 ${STREET}, badge de M. ${PERSON}` })).status).toBe(200);
    }

    // Started from the mission; a second start is refused in French.
    const started = await lead.post(`/api/v1/audits/missions/${missionId}/start`);
    expect(started.status).toBe(201);
    const again = await lead.post(`/api/v1/audits/missions/${missionId}/start`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('déjà en cours');

    // The mission lead plans it.
    const [plan] = await tasksOf('mission-lead', missionId, 'PlanMission');
    expect((await lead.post(`/api/v1/tasks/${plan!.id}/complete`, { planned: true })).status).toBe(200);

    // One capture task per site for the auditor; what they capture goes through the capture API, never the process.
    const captures = await tasksOf('auditor', missionId, 'CaptureSite', 2);
    expect((await missionRow(missionId)).status).toBe('on_site');
    expect((await auditor.post(`/api/v1/audits/missions/${missionId}/inventory`, {
      id: crypto.randomUUID(), siteId: siteIds[0], type: 'server', brand: 'Dell', model: 'PowerEdge R540', serial: SERIAL, location: `Local technique, 4 ${STREET}`, networkAddress: '10.12.0.5', owner: `Yves ${PERSON}`,
    })).status).toBe(201);
    expect((await auditor.post(`/api/v1/audits/missions/${missionId}/observations`, {
      id: crypto.randomUUID(), siteId: siteIds[1], body: `Baie réseau ouverte, clé chez M. ${PERSON}.`, peopleMet: `Yves ${PERSON}, responsable technique`,
    })).status).toBe(201);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
    const upload = await request(app).post(`/api/v1/audits/missions/${missionId}/uploads`).set('Authorization', `Bearer ${tokens.get('auditor')}`)
      .field('id', crypto.randomUUID()).field('siteId', siteIds[0]!).field('caption', `Badge de M. ${PERSON}`).attach('file', png, `badge-${PERSON}.png`);
    expect(upload.status).toBe(201);
    const uploaded = await t.admin('auditUploads as u').join('documents as d', 'd.id', 'u.documentId').where('u.id', upload.body.id).first('d.storageKey');
    const file = path.join(process.env.RELAIS_DATA_DIR!, 'documents', uploaded.storageKey);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    for (const task of captures) expect((await auditor.post(`/api/v1/tasks/${task.id}/complete`, { captured: true })).status).toBe(200);

    // Drafting, then the review through the report's own API: sent back once, then approved (each tells the process).
    await waitingAt(missionId, 'ReportSubmitted');
    expect((await missionRow(missionId)).status).toBe('drafting');
    const report = `/api/v1/audits/missions/${missionId}/report`;
    expect((await auditor.get(report)).status).toBe(200);
    expect((await auditor.post(`${report}/submit`)).status).toBe(200);
    await waitingAt(missionId, 'ReviewOutcome');
    expect((await missionRow(missionId)).status).toBe('review');
    expect((await lead.post(`${report}/review`, { decision: 'request-changes', comments: [{ sectionKey: 'executive-summary', body: `Citez l’entretien avec M. ${PERSON}.` }] })).status).toBe(200);
    await waitingAt(missionId, 'ReportSubmitted');
    expect((await missionRow(missionId)).status).toBe('drafting');
    expect((await auditor.post(`${report}/submit`)).status).toBe(200);
    await waitingAt(missionId, 'ReviewOutcome');
    expect((await lead.post(`${report}/review`, { decision: 'approve' })).status).toBe(200);

    // Delivered: the client's contact gets the link by mail; the invoice of the quote is issued.
    await waitingAt(missionId, 'AwaitAnonymisation');
    const mission = await missionRow(missionId);
    expect(mission).toMatchObject({ status: 'delivered' });
    const mail = await t.admin('messages').where({ tenantId: tenant.tenantId, recordType: 'audit-mission', recordId: missionId }).first('recipient', 'body', 'subject');
    expect(mail).toMatchObject({ recipient: 'dsi@clinique-ursulines.example', subject: expect.stringContaining('Audit sécurité clinique') });
    const token = /deliveries\/([A-Za-z0-9_-]+)/.exec(String(mail.body))![1]!;
    const invoice = await t.admin('billingInvoices').where({ tenantId: tenant.tenantId, quoteId: quote.body.id }).first('status', 'number');
    expect(invoice.status).toBe('issued');
    expect(invoice.number).toBeTruthy();
    const variables = (await state(missionId)).variables as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(variables.invoice).toMatchObject({ outcome: 'issued' });

    // The link: unknown tokens 404; an expired link 410 (its expiry moved into the past: the route reads the wall clock).
    const download = await request(app).get(`/api/v1/audits/deliveries/${token}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await request(app).get(`/api/v1/audits/deliveries/${'x'.repeat(43)}`)).status).toBe(404);
    await t.admin('auditDeliveries').where({ missionId }).update({ expiresAt: new Date(Date.now() - 1000) });
    const gone = await request(app).get(`/api/v1/audits/deliveries/${token}`).set('Accept-Language', 'fr');
    expect(gone.status).toBe(410);
    expect(gone.body.detail).toContain('expiré');

    // Day 29 after delivery: everything is still there.
    const planned = variables.anonymisation as { anonymiseOn: string; anonymiseAt: string };
    expect(planned.anonymiseOn).toBe(anonymiseDay(mission.deliveredAt, 30));
    await advanceTo(mission.deliveredAt.toISOString(), 29 * DAY);
    expect((await missionRow(missionId)).status).toBe('delivered');
    expect(await t.admin('auditInventoryItems').where({ missionId }).count({ n: '*' }).first()).toEqual({ n: 1 });

    // The lead postpones once, with a reason (audited); a second time is refused.
    const postponed = await lead.post(`/api/v1/audits/missions/${missionId}/anonymisation/postpone`, { days: 3, reason: 'Contre-audit demandé par le client' });
    expect(postponed.status).toBe(200);
    const until3 = postponed.body.anonymiseOn as string;
    const second = await lead.post(`/api/v1/audits/missions/${missionId}/anonymisation/postpone`, { days: 3, reason: 'Encore' });
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain('qu’une fois');
    expect([403, 404]).toContain((await auditor.post(`/api/v1/audits/missions/${missionId}/anonymisation/postpone`, { days: 3, reason: 'Encore' })).status);
    expect(await t.admin('auditLog').where({ tenantId: tenant.tenantId, action: 'audits.anonymisation.postpone' }).count({ n: '*' }).first()).toEqual({ n: 1 });
    await until('the new day planned', async () => (((await state(missionId)).variables as Record<string, any>).anonymisation?.anonymiseOn === until3 ? true : undefined)); // eslint-disable-line @typescript-eslint/no-explicit-any

    // The original day passes: still there.
    await advanceTo(planned.anonymiseAt, 2 * 3_600_000);
    expect((await missionRow(missionId)).status).toBe('delivered');

    // The postponed day: anonymised.
    await advanceTo(postponed.body.anonymiseAt, 60_000);
    await anonymised(missionId);
    expect(await t.admin('auditInventoryItems').where({ missionId }).count({ n: '*' }).first()).toEqual({ n: 0 });
    const dump = await tenantDump(t.admin, tenant.tenantId);
    for (const secret of [PERSON, SERIAL, STREET, 'Contre-audit', 'dsi@clinique-ursulines']) {
      const lines = dump.split('\n').filter((l) => l.includes(secret) && !l.startsWith('sites ') && !l.startsWith('accounts ') && !l.startsWith('contacts '));
      expect({ secret, lines }).toEqual({ secret, lines: [] });
    }
    // The photo's file is emptied (its document row named no one any more: the dump above).
    expect(fs.statSync(file).size).toBe(0);
    // The search finds nothing by them; Temporal's stored history never carried them.
    const search = await lead.get(`/api/v1/search?q=${encodeURIComponent(PERSON)}`);
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).not.toContain(PERSON);
    const history = await env.client.workflow.getHandle(workflowId(missionId)).fetchHistory();
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
    for (const secret of [PERSON, SERIAL, STREET]) expect(raw).not.toContain(secret);

    // The statistics stay, naming no one.
    const stats = await lead.get('/api/v1/audits/statistics');
    expect(stats.status).toBe(200);
    expect(stats.body.items).toContainEqual(expect.objectContaining({ scopes: ['network', 'physical_access'], town: 'Quimper', department: '29', sites: 2, daysOnSite: 3, inventoryItems: 1 }));
    expect((await auditor.get('/api/v1/audits/statistics')).status).toBe(403);

    // The key is escrowed (re-identification possible) until its day, then destroyed by the process's timer.
    const escrow = await withTenant({ tenantId: tenant.tenantId }, (trx) => openEscrow(trx, tenant.tenantId, missionId), t.knex);
    expect(JSON.stringify(escrow?.rows)).toContain(PERSON);
    const keyDay = ((await state(missionId)).variables as Record<string, any>).anonymised.keyDestroyAt as string; // eslint-disable-line @typescript-eslint/no-explicit-any
    await advanceTo(keyDay, 60_000);
    await until('the key destroyed', async () => ((await t.admin('auditAnonymisationKeys').where({ missionId }).first('escrow', 'destroyedAt'))?.destroyedAt ? true : undefined));
    expect(await withTenant({ tenantId: tenant.tenantId }, (trx) => openEscrow(trx, tenant.tenantId, missionId), t.knex)).toBeNull();
  });
  it('anonymises a delivered mission 30 days after its delivery (the organisation\'s default), not on day 29', async () => {
    const lead = await as('mission-lead');
    const created = await lead.post('/api/v1/audits/missions', { accountId, title: 'Audit réseau livré', scopes: ['network'], leadId: tenant.userIds['mission-lead'] });
    expect(created.status).toBe(201);
    const missionId = String(created.body.id);
    expect((await lead.put(`/api/v1/audits/missions/${missionId}/sites/${siteIds[0]}`, { notes: `Clé chez M. ${PERSON}, 4 ${STREET}` })).status).toBe(200);
    // Delivered (as a restored mission would be: its delivery date is what counts, never the start of its process).
    const deliveredAt = new Date(await env.currentTimeMs());
    await t.admin('auditMissions').where({ id: missionId }).update({ status: 'delivered', deliveredAt });
    expect((await lead.post(`/api/v1/audits/missions/${missionId}/start`)).status).toBe(201);
    await waitingAt(missionId, 'AwaitAnonymisation');
    const standing = await lead.get(`/api/v1/audits/missions/${missionId}/anonymisation`);
    expect(standing.body).toMatchObject({ status: 'delivered', anonymiseOn: anonymiseDay(deliveredAt, 30), canPostpone: true, postponedUntil: null });
    // Bad postponements are refused in French and change nothing.
    const postpone = (body: object) => lead.post(`/api/v1/audits/missions/${missionId}/anonymisation/postpone`, body);
    for (const body of [{ until: '2027-02-30', reason: 'Motif valable' }, { days: 3, until: '2099-01-01', reason: 'Motif valable' }, { days: 3 }, { until: standing.body.anonymiseOn, reason: 'Motif valable' }]) {
      const refused = await postpone(body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(refused.body.detail).toBeTruthy();
    }
    expect((await missionRow(missionId)).anonymisationPostponedUntil).toBeNull();
    await advanceTo(deliveredAt.toISOString(), 29 * DAY);
    expect((await missionRow(missionId)).status).toBe('delivered');
    expect((await t.admin('auditMissionSites').where({ missionId }).first('notes')).notes).toContain(PERSON);
    await advanceTo(deliveredAt.toISOString(), 30 * DAY);
    await anonymised(missionId);
    expect((await t.admin('auditMissionSites').where({ missionId }).first('notes')).notes).toBeNull();
    expect((await lead.post(`/api/v1/audits/missions/${missionId}/anonymisation/postpone`, { days: 3, reason: 'Trop tard' })).status).toBe(409);
    expect((await lead.post(`/api/v1/audits/missions/${missionId}/start`)).status).toBe(409);
  });
});
