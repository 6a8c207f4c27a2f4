import { NativeConnection } from '@temporalio/worker';
import request from 'supertest';
import { seedControlDemo } from '../../domain/telecom/control-demo';
import { previousPeriod } from '../../domain/telecom/control-rules';
import { currentPeriod } from '../../domain/telecom/control-runs';
import { seedHierarchyDemo } from '../../domain/telecom/hierarchy-demo-seed';
import { BILLING_CONTROL_CALENDAR, ensureBillingControlSchedule } from '../../api/telecom/control-schedule';
import { MODULE_JOB_WORKFLOW, type ModuleJobResult } from '../../workflows/core/module-job.contract';
import { BILLING_CONTROL_JOB } from '../../workflows/telecom/billing-control.contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { buildControlWorld, NOVEMBER_CSV, type ControlWorld } from '../support/telecom-control-fixtures';
import { asUser } from '../support/http';

/**
 * The billing control V1 (issue 17, area control, ADR 0045) in a small known world of this file's own:
 * four lines, one anomaly situation each, the sandbox billing system billing two of them and an operator's
 * CSV invoice; each control finds exactly the seeded anomalies and nothing else, re-running a month
 * duplicates nothing, a bad CSV changes nothing, « voir anomalies » decides who sees them, and another
 * organisation sees none of it.
 */
describe('telecom billing control', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let lines: ControlWorld['lines'];
  let accountId: string;
  const tokens: Record<string, string> = {};
  const as = (role: string) => asUser(t.app, tokens[role]!);


  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'control');
    other = await createOwnTenant(t.admin, 'control-other');
    for (const role of ['direction', 'manager', 'accounting', 'support-n1', 'client']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    tokens.otherAccounting = (await loginAs(t.app, 'accounting', other.slug)).accessToken;
    ({ accountId, lines } = await buildControlWorld(t.admin, t.knex, tenant.tenantId));
  });
  afterAll(() => t.close());

  it('refuses a bad CSV naming each row in French, and imports nothing', async () => {
    const bad = await as('accounting').post('/api/v1/telecom/supplier-invoices', {
      operatorKey: 'snaic', period: '2026-11', reference: 'FAC-SNAIC-202611', csv: 'numéro;code produit;période;montant\n0611111111;FORF-20;11/2026;22,00\n0611111111;;11/2026;vingt\n',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('Rien n’a été importé : 1 ligne(s) du fichier sont à corriger');
    expect(bad.body.errors.map((e: { message: string }) => e.message)).toEqual(['Ligne 3 : le code produit manque', 'Ligne 3 : « vingt » n’est pas un montant en euros, comme 12,50']);
    const period = await as('accounting').post('/api/v1/telecom/supplier-invoices', { operatorKey: 'snaic', period: '2026-13', reference: 'X', csv: 'a' });
    expect(period.status).toBe(400);
    expect(period.body.errors).toEqual([expect.objectContaining({ field: 'period', message: 'doit être un mois, comme 2026-11' })]);
    expect(await t.admin('telecomSupplierInvoices').where({ tenantId: tenant.tenantId }).count('* as n').first()).toEqual({ n: 0 });
    expect((await as('support-n1').post('/api/v1/telecom/supplier-invoices', { operatorKey: 'snaic', period: '2026-11', reference: 'FAC', csv: NOVEMBER_CSV })).status).toBe(403);
  });

  it('finds exactly the seeded anomalies and nothing else; running the month again duplicates nothing', async () => {
    const imported = await as('accounting').post('/api/v1/telecom/supplier-invoices', { operatorKey: 'snaic', period: '2026-11', reference: 'FAC-SNAIC-202611', fileName: 'snaic-novembre.csv', csv: NOVEMBER_CSV });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ rowCount: 4, totalCents: 8200, source: 'csv' });
    const run = await as('accounting').post('/api/v1/telecom/control-runs', { period: '2026-11' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ period: '2026-11', status: 'done', found: 3, opened: 3, resolved: 0, billingSystemsChecked: 1, invoiceRowsChecked: 4 });
    const list = await as('direction').get('/api/v1/telecom/anomalies?limit=50');
    expect(list.status).toBe(200);
    const seen = list.body.items.map((a: Record<string, unknown>) => [a.kind, a.lineId, a.source, a.billedCents, a.expectedCents, a.monthlyLossCents, a.since]).sort();
    expect(seen).toEqual([
      ['purchase-price-gap', lines.gap, 'operator-invoice', 2200, 2000, 200, '2026-11-01'],
      ['terminated-still-billed', lines.terminated, 'billing-system', 2990, 0, 2990, '2026-09-30'],
      ['terminated-still-billed', lines.terminated, 'operator-invoice', 2000, 0, 2000, '2026-09-30'],
    ].sort());
    expect(list.body.items.find((a: { source: string; kind: string }) => a.kind === 'terminated-still-billed' && a.source === 'billing-system')).toMatchObject({ lineNumber: '+33612345678', accountName: 'Boulangerie Control', lossToDateCents: 3 * 2990, status: 'open' });

    const again = await as('manager').post('/api/v1/telecom/control-runs', { period: '2026-11' });
    expect(again.body).toMatchObject({ found: 3, opened: 0, resolved: 0 });
    expect(await t.admin('telecomAnomalies').where({ tenantId: tenant.tenantId }).count('* as n').first()).toEqual({ n: 3 });

    const gaps = await as('accounting').get(`/api/v1/telecom/anomalies?kind=purchase-price-gap&status=open&accountId=${accountId}`);
    expect(gaps.body.items.map((a: { lineId: string }) => a.lineId)).toEqual([lines.gap]);
    const paged = await as('accounting').get('/api/v1/telecom/anomalies?limit=2');
    expect(paged.body.items).toHaveLength(2);
    const rest = await as('accounting').get(`/api/v1/telecom/anomalies?limit=2&cursor=${paged.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [expect.any(Object)], nextCursor: null });
    expect((await as('accounting').get('/api/v1/telecom/anomalies?kind=other')).status).toBe(400);
  });

  it('lets « voir anomalies » see them (prices only with « voir marge »), never support N1, the client or another organisation', async () => {
    const managerView = await as('manager').get('/api/v1/telecom/anomalies');
    expect(managerView.status).toBe(200);
    expect(managerView.body.items[0]).not.toHaveProperty('billedCents');
    expect(managerView.body.items[0]).toHaveProperty('monthlyLossCents');
    for (const role of ['support-n1', 'client']) {
      const refused = await as(role).get('/api/v1/telecom/anomalies');
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe('Les anomalies de facturation sont réservées aux rôles qui peuvent « voir anomalies »');
    }
    const mine = (await as('accounting').get('/api/v1/telecom/anomalies')).body.items[0];
    const stranger = asUser(t.app, tokens.otherAccounting!);
    expect((await stranger.get('/api/v1/telecom/anomalies')).body.items).toEqual([]);
    expect((await stranger.get(`/api/v1/telecom/anomalies/${mine.id}`)).status).toBe(404);
    expect((await stranger.get('/api/v1/telecom/supplier-invoices')).body.items).toEqual([]);
  });

  it('resolves an anomaly with the money recovered (If-Match), reports it in the month, and resolves by itself what the next month no longer shows', async () => {
    const items = (await as('accounting').get('/api/v1/telecom/anomalies?kind=terminated-still-billed')).body.items as Array<{ id: string; source: string; version: number }>;
    const fromBilling = items.find((a) => a.source === 'billing-system')!;
    const stale = await request(t.app).post(`/api/v1/telecom/anomalies/${fromBilling.id}/decision`).set('Authorization', `Bearer ${tokens.accounting}`).set('If-Match', '"99"').send({ status: 'resolved' });
    expect(stale.status).toBe(412);
    const resolved = await request(t.app).post(`/api/v1/telecom/anomalies/${fromBilling.id}/decision`).set('Authorization', `Bearer ${tokens.accounting}`)
      .set('If-Match', `"${fromBilling.version}"`).send({ status: 'resolved', recoveredCents: 8970, note: 'Avoir client émis' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', recoveredCents: 8970 });

    // December's invoice no longer overcharges the gap line; the operator still invoices the terminated one.
    const december = 'OR-1;FORF-20;12/2026;20,00\n0611111111;FORF-20;12/2026;20,00\n';
    expect((await as('accounting').post('/api/v1/telecom/supplier-invoices', { operatorKey: 'snaic', period: '2026-12', reference: 'FAC-SNAIC-202612', csv: december })).status).toBe(201);
    const run = await as('accounting').post('/api/v1/telecom/control-runs', { period: '2026-12' });
    expect(run.body).toMatchObject({ found: 2, opened: 0, resolved: 1 });
    const gap = (await as('accounting').get('/api/v1/telecom/anomalies?kind=purchase-price-gap')).body.items[0];
    expect(gap).toMatchObject({ status: 'resolved', recoveredCents: 200 });
    // The billing system still bills the terminated line in December: found again in a later month, it reopens.
    const reopened = (await as('accounting').get(`/api/v1/telecom/anomalies/${fromBilling.id}`)).body;
    expect(reopened).toMatchObject({ status: 'open', lastSeenPeriod: '2026-12' });

    const month = new Date().toISOString().slice(0, 7);
    const report = await as('direction').get(`/api/v1/telecom/control-reports/${month}`);
    expect(report.status).toBe(200);
    expect(report.body.resolvedInPeriod).toBeGreaterThanOrEqual(1);
    const november = await as('direction').get('/api/v1/telecom/control-reports/2026-11');
    expect(november.body).toMatchObject({ period: '2026-11', invoices: [expect.objectContaining({ reference: 'FAC-SNAIC-202611', rowCount: 4 })] });
    expect(november.body.byKind).toEqual([
      expect.objectContaining({ kind: 'terminated-still-billed', found: 2 }),
      expect.objectContaining({ kind: 'purchase-price-gap', found: 1 }),
    ]);
    expect((await as('direction').get('/api/v1/telecom/control-reports/2026-13')).status).toBe(400);
  });

  it('reads an operator\'s invoice lines through its port where it offers them (the sandbox does), refusing a key no port takes', async () => {
    const fetched = await as('accounting').post('/api/v1/telecom/supplier-invoices/fetch', { operatorKey: 'snaic', period: '2026-10' });
    expect(fetched.status).toBe(201);
    expect(fetched.body).toMatchObject({ operatorKey: 'snaic', period: '2026-10', source: 'operator-port', rowCount: 0 });
    const refused = await as('accounting').post('/api/v1/telecom/supplier-invoices/fetch', { operatorKey: '9', period: '2026-10' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('Clé de connexion invalide : "9".');
  });

  it('answers 503 in French when the billing system is out of reach on an on-demand run, and records no run', async () => {
    const runs = () => t.admin('telecomControlRuns').where({ tenantId: tenant.tenantId }).count('* as n').first();
    const before = await runs();
    const [connection] = await t.admin('integrationConnections')
      .insert({ tenantId: tenant.tenantId, kind: 'billing-system', key: 'cfast', adapter: 'sandbox', label: 'CFAST en panne', settings: JSON.stringify({ unavailable: true }) }).returning('id');
    try {
      const down = await as('accounting').post('/api/v1/telecom/control-runs', { period: '2026-12' });
      expect({ status: down.status, detail: down.body.detail }).toEqual({
        status: 503, detail: 'Le système de l’opérateur ou de facturation ne répond pas pour le moment : rien n’a été enregistré, réessayez dans quelques minutes',
      });
      expect(await runs()).toEqual(before);
    } finally {
      await t.admin('integrationConnections').where({ id: connection.id }).delete();
    }
  });

  it('starts a fix as a deployment of the line (« lancer déploiement »), refuses a fix that does not suit the kind', async () => {
    const items = (await as('direction').get('/api/v1/telecom/anomalies?kind=terminated-still-billed&status=open')).body.items as Array<{ id: string; source: string; version: number }>;
    const fromInvoice = items.find((a) => a.source === 'operator-invoice')!;
    const wrong = await as('manager').post(`/api/v1/telecom/anomalies/${fromInvoice.id}/fix`, { action: 'update-catalogue' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toBe('L’action « update-catalogue » ne corrige pas ce genre d’anomalie');
    const fixing = await as('manager').post(`/api/v1/telecom/anomalies/${fromInvoice.id}/fix`, { action: 'dispute', note: 'Réclamation n° 42' });
    expect(fixing.status).toBe(200);
    expect(fixing.body).toMatchObject({ status: 'fixing', fixAction: 'dispute', fixDeploymentId: expect.any(String) });
    const deployment = await t.admin('telecomDeployments').where({ id: fixing.body.fixDeploymentId }).first();
    expect(deployment).toMatchObject({ accountId, lineIds: [lines.terminated], title: 'Contester auprès de l’opérateur : ligne +33612345678' });
    expect(deployment.studyNotes).toContain('Ligne résiliée encore facturée sur la facture de l’opérateur snaic : 20,00');
    expect((await as('support-n1').post(`/api/v1/telecom/anomalies/${fromInvoice.id}/fix`, { action: 'dispute' })).status).toBe(403);
  });

  it('seeds the demo after the hierarchy: three months of invoices, anomalies of both kinds, half fixed with money recovered, half open; seeding again adds nothing', async () => {
    const demo = await createOwnTenant(t.admin, 'control-demo');
    const facts = { tenantId: demo.tenantId, slug: 'softwhere', userIds: demo.userIds };
    await seedHierarchyDemo(t.admin, facts);
    await seedControlDemo(t.admin, facts);
    await seedControlDemo(t.admin, facts);
    const months = [previousPeriod(previousPeriod(previousPeriod(currentPeriod()))), previousPeriod(previousPeriod(currentPeriod())), previousPeriod(currentPeriod())];
    const invoices = await t.admin('telecomSupplierInvoices').where({ tenantId: demo.tenantId }).select('period');
    expect([...new Set(invoices.map((i) => i.period))].sort()).toEqual(months);
    const anomalies = await t.admin('telecomAnomalies').where({ tenantId: demo.tenantId }).select('kind', 'status', 'recoveredCents', 'resolvedAt');
    const count = (kind: string, status: string) => anomalies.filter((a) => a.kind === kind && a.status === status).length;
    expect({ terminatedResolved: count('terminated-still-billed', 'resolved'), terminatedOpen: count('terminated-still-billed', 'open'), gapsResolved: count('purchase-price-gap', 'resolved'), gapsOpen: count('purchase-price-gap', 'open') })
      .toEqual({ terminatedResolved: 3, terminatedOpen: 3, gapsResolved: 4, gapsOpen: 4 });
    expect(anomalies.filter((a) => a.status === 'resolved').every((a) => Number(a.recoveredCents) > 0)).toBe(true);
    const token = (await loginAs(t.app, 'direction', demo.slug)).accessToken;
    const report = await asUser(t.app, token).get(`/api/v1/telecom/control-reports/${months[1]}`);
    expect(report.body).toMatchObject({ resolvedInPeriod: 7, recoveredCents: expect.any(Number) });
    expect(report.body.recoveredCents).toBeGreaterThan(0);
  });

  it('runs nightly as a Temporal Schedule set up idempotently; a run of its job controls each organisation and month, duplicating nothing', async () => {
    const client = await t.deps.temporal();
    const scheduleId = `relais/telecom-billing-control-test-${process.pid}`;
    const handle = client.schedule.getHandle(scheduleId);
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      await ensureBillingControlSchedule(client, TASK_QUEUE, scheduleId);
      await ensureBillingControlSchedule(client, TASK_QUEUE, scheduleId);
      const described = await handle.describe();
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: BILLING_CONTROL_CALENDAR.hour, end: BILLING_CONTROL_CALENDAR.hour, step: 1 }] });
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: MODULE_JOB_WORKFLOW, taskQueue: TASK_QUEUE });

      const before = await t.admin('telecomAnomalies').where({ tenantId: tenant.tenantId }).orderBy('id').select('id', 'status');
      const result = (await client.workflow.execute(MODULE_JOB_WORKFLOW, {
        taskQueue: TASK_QUEUE, workflowId: `${scheduleId}-run`, args: [{ ...BILLING_CONTROL_JOB, listInput: { tenantIds: [tenant.tenantId], periods: ['2026-12'] } }],
      })) as ModuleJobResult;
      expect(result).toMatchObject({ done: 1, results: [expect.objectContaining({ tenantId: tenant.tenantId, period: '2026-12', found: 2, opened: 0 })] });
      expect(await t.admin('telecomAnomalies').where({ tenantId: tenant.tenantId }).orderBy('id').select('id', 'status')).toEqual(before);
      expect(await t.admin('telecomControlRuns').where({ tenantId: tenant.tenantId, trigger: 'schedule' }).count('* as n').first()).toEqual({ n: 1 });
    } finally {
      await handle.delete().catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
