import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { STUDY_DEPLOY_BILL_CHECK } from '../../domain/telecom/deployment-process';
import { seedDeploymentsDemo } from '../../domain/telecom/deployments.demo';
import { settleOrder } from '../../domain/telecom/operator-orders';
import { processStateQuery } from '../../workflows/engine/contract';
import { loginAs, testContext, type TestContext } from '../support/api';
import { engineWorker, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { seedLineFleet, type LineFleet } from '../support/telecom-lines';
import { until } from '../support/worker-process';

/**
 * Deployments (spec 002 §6, ADR 0044) on the time-skipping server, through the API as a manager would: the study
 * task, the supplier actions at the sandbox operator (orders that complete later, polled after the timer), the billing
 * actions at the sandbox billing system, the check, done. A second deployment whose billing step is refused opens an
 * incident; abandoning it undoes in reverse (the service cancelled, then the line created terminated). A line terminated but
 * still billed is found by the billing control's check and asks for a fix.
 * createDeployment's rules refuse bad input in French, writing nothing.
 */
describe('telecom: deployments study → deploy → bill → check, on the time-skipping server', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: ReturnType<typeof createApp>;
  let tenant: OwnTenant;
  let fleet: LineFleet;
  let token: string;
  /** A line the first deployment created and billed (for the check's test). */
  let createdLine: string;
  const taskQueue = `telecom-deployments-${process.pid}`;

  const api = () => ({
    get: (url: string) => request(app).get(url).set({ Authorization: `Bearer ${token}`, 'Accept-Language': 'fr' }),
    post: (url: string, body: object = {}) => request(app).post(url).set({ Authorization: `Bearer ${token}`, 'Accept-Language': 'fr' }).send(body),
  });
  const state = (id: string) => env.client.workflow.getHandle(`${tenant.tenantId}/${STUDY_DEPLOY_BILL_CHECK}/${id}`).query(processStateQuery);
  const waitingAt = (id: string, elementId: string) => until(`the deployment at ${elementId}`, async () => ((await state(id)).activeElements.includes(elementId) ? true : undefined));
  const pendingLine = async (n: number) => {
    const [row] = await t.admin('telecomLines').insert({
      tenantId: tenant.tenantId, number: `+3375${String(Date.now()).slice(-6)}${n}`, accountId: fleet.accountId, fleetId: fleet.fleetId,
      planId: fleet.planIds[0], status: 'pending', salePriceCents: 2000, operatorKey: 'orange',
    }).returning('id');
    return row.id as string;
  };
  const completeStudy = async (id: string) => {
    const task = await until('the study task', async () => {
      const res = await api().get(`/api/v1/tasks?processKey=${STUDY_DEPLOY_BILL_CHECK}`);
      return (res.body.items as Array<{ id: string; businessKey: string; elementId: string }>).find((x) => x.businessKey === id && x.elementId === 'Study');
    });
    expect((await api().post(`/api/v1/tasks/${task.id}/complete`, { decision: 'deploy' })).status).toBe(200);
  };
  const actions = async (id: string) => (await api().get(`/api/v1/telecom/deployments/${id}/panel`)).body.actions as Array<{ kind: string; status: string; error: string | null; compensatedAt: string | null; externalRefs: Record<string, string> }>;

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    app = createApp({ ...t.deps, temporal: async () => env.client, taskQueue });
    tenant = await createOwnTenant(t.admin, 'telecom-deploy', ['telecom']);
    fleet = await seedLineFleet(t.admin, tenant.tenantId, 2);
    await t.admin('telecomLines').whereIn('id', fleet.lineIds).update({ operatorKey: 'orange' });
    await installShippedProcesses(t.admin, [tenant.tenantId]);
    token = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  it('refuses bad deployments in French and writes nothing: a line of another account or organisation, an action without its line, bad params, nothing to do, a role that may not launch one', async () => {
    const other = await seedLineFleet(t.admin, tenant.tenantId, 1);
    const res = await api().post('/api/v1/telecom/deployments', {
      accountId: fleet.accountId, title: 'Mauvais', lineIds: [other.lineIds[0]],
      actions: [{ kind: 'terminate-line', params: {} }, { kind: 'add-fee', params: { label: 'Frais' } }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['lineIds[0]', 'actions[0].lineId', 'actions[1].params']);
    expect(res.body.detail).toMatch(/n’appartient pas à ce compte client/);
    expect((await api().post('/api/v1/telecom/deployments', { accountId: fleet.accountId, title: 'Vide' })).status).toBe(400);
    // Another organisation's account is not there; support N1 reads deployments but may not launch one.
    const elsewhere = await createOwnTenant(t.admin, 'telecom-deploy-other', ['telecom']);
    const foreign = await seedLineFleet(t.admin, elsewhere.tenantId, 1);
    const stranger = await api().post('/api/v1/telecom/deployments', { accountId: foreign.accountId, title: 'Ailleurs', lineIds: foreign.lineIds });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors.map((e: { field: string }) => e.field)).toContain('lineIds[0]');
    const n1 = (await loginAs(t.app, 'support-n1', tenant.slug)).accessToken;
    const refused = await request(app).post('/api/v1/telecom/deployments').set({ Authorization: `Bearer ${n1}`, 'Accept-Language': 'fr' })
      .send({ accountId: fleet.accountId, title: 'Sans droit', actions: [{ kind: 'add-fee', params: { label: 'Frais', amountCents: 100 } }] });
    expect(refused.status).toBe(403);
    expect(await t.admin('telecomDeployments').where({ tenantId: tenant.tenantId }).count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('runs a deployment from its study to its check: lines created at the operator (one told by its webhook, one polled), billed, checked, done', async () => {
    const [l1, l2] = [await pendingLine(1), await pendingLine(2)];
    const created = await api().post('/api/v1/telecom/deployments', {
      accountId: fleet.accountId, title: 'Ouverture de deux lignes mobiles', lineIds: [l1, l2],
      actions: [
        { kind: 'create-service', lineId: l1 }, { kind: 'create-service', lineId: l2 },
        { kind: 'create-line', lineId: l1 }, { kind: 'create-line', lineId: l2 },
        { kind: 'add-fee', params: { label: 'Frais de mise en service', amountCents: 4900 } },
      ],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.actions.map((a: { kind: string }) => a.kind)).toEqual(['create-line', 'create-line', 'create-service', 'create-service', 'add-fee']);
    await completeStudy(id);
    // The operator answers « pending »: the process waits for the message, or polls after the timer.
    await waitingAt(id, 'AwaitOrder');
    expect((await actions(id)).slice(0, 2).map((a) => a.status)).toEqual(['waiting', 'waiting']);
    // The first order's end comes back as the operator's webhook would tell it (the engine's message, correlated on its id)…
    const first = (await actions(id))[0]!.externalRefs.orderId!;
    const told = await settleOrder(t.knex, async () => env.client, tenant.tenantId, 'orange', {
      orderId: first, reference: 'webhook', kind: 'create-line', status: 'completed', operatorLineId: null, number: null, iccids: [], reason: null,
    });
    expect(told).toEqual({ ended: true, notified: true, delivered: true });
    await until('the first line done', async () => ((await actions(id))[0]!.status === 'done' ? true : undefined));
    expect((await actions(id))[1]!.status).toBe('waiting');
    // …the second is polled once the timer fires.
    await waitingAt(id, 'AwaitOrder');
    await skipTime(env, 3_600_000 + 1_000);
    await until('the deployment done', async () => ((await t.admin('telecomDeployments').where({ id }).first()).status === 'done' ? true : undefined));
    const done = await actions(id);
    expect(done.map((a) => a.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const lines = await t.admin('telecomLines').whereIn('id', [l1, l2]).orderBy('number');
    expect(lines.map((l) => l.status)).toEqual(['active', 'active']);
    expect(lines.every((l) => l.operatorRefs.lineId && l.billingRefs.serviceId)).toBe(true);
    expect((await t.admin('telecomDeployments').where({ id }).first()).checkOutcome).toMatchObject({ ok: true, problems: [] });
    createdLine = l2;
  });

  it('checks the lines concerned with the billing control: a line terminated but still billed asks for a fix, accepted, then done', async () => {
    // The line has been in service since January; the deployment terminates it from the month's first day but bills nothing.
    await t.admin('telecomLines').where({ id: createdLine }).update({ activatedOn: '2026-01-05' });
    const monthStart = `${new Date(await env.currentTimeMs()).toISOString().slice(0, 7)}-01`;
    const res = await api().post('/api/v1/telecom/deployments', {
      accountId: fleet.accountId, title: 'Résiliation oubliée en facturation', actions: [{ kind: 'terminate-line', lineId: createdLine, params: { on: monthStart } }],
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await completeStudy(id);
    await waitingAt(id, 'AwaitOrder');
    await skipTime(env, 3_600_000 + 1_000);
    const fix = await until('the fix task', async () => {
      const list = await api().get(`/api/v1/tasks?processKey=${STUDY_DEPLOY_BILL_CHECK}`);
      return (list.body.items as Array<{ id: string; businessKey: string; elementId: string }>).find((x) => x.businessKey === id && x.elementId === 'Fix');
    });
    const row = await t.admin('telecomDeployments').where({ id }).first();
    expect(row.status).toBe('fix');
    expect(row.checkOutcome).toMatchObject({ ok: false, problems: [{ lineId: createdLine, kind: 'terminated-still-billed', code: 'terminated-still-billed' }] });
    expect((await t.admin('telecomLines').where({ id: createdLine }).first()).status).toBe('terminated');
    expect((await api().post(`/api/v1/tasks/${fix.id}/complete`, { outcome: 'accept' })).status).toBe(200);
    await until('the deployment done', async () => ((await t.admin('telecomDeployments').where({ id }).first()).status === 'done' ? true : undefined));
  });

  it('opens an incident when a billing step is refused, and abandoning it undoes in reverse: the service cancelled, then the created line terminated', async () => {
    const l3 = await pendingLine(3);
    const l4 = fleet.lineIds[0]!; // active, without a billed service: its change of subscription is refused
    const created = await api().post('/api/v1/telecom/deployments', {
      accountId: fleet.accountId, title: 'Ligne de secours', lineIds: [l3, l4], start: true,
      actions: [
        { kind: 'create-line', lineId: l3 }, { kind: 'create-service', lineId: l3 },
        { kind: 'add-fee', params: { label: 'Frais de dossier', amountCents: 2500 } },
        { kind: 'change-subscription', lineId: l4, params: { planId: fleet.planIds[1] } },
      ],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await completeStudy(id);
    await waitingAt(id, 'AwaitOrder');
    await skipTime(env, 3_600_000 + 1_000);
    const incident = await until('the incident', async () => (await t.admin('processIncidents').where({ tenantId: tenant.tenantId, elementId: 'BillingActions' }).first()) ?? undefined);
    expect(incident.status).toBe('open');
    const failed = await actions(id);
    expect(failed.map((a) => a.status)).toEqual(['done', 'done', 'done', 'failed']);
    expect(failed[3]!.error).toMatch(/service facturé/);
    const panel = await api().get(`/api/v1/telecom/deployments/${id}/panel`);
    expect(panel.body.process.incidents).toHaveLength(1);

    const abandoned = await api().post(`/api/v1/telecom/deployments/${id}/abandon`, { reason: 'Le client renonce' });
    expect(abandoned.status).toBe(202);
    await until('the deployment abandoned', async () => ((await t.admin('telecomDeployments').where({ id }).first()).status === 'abandoned' ? true : undefined));
    const undone = await actions(id);
    // The fee stays charged (the billing system cancels subscriptions only: a credit note is billing's).
    expect(undone.map((a) => a.status)).toEqual(['compensated', 'compensated', 'done', 'failed']);
    // In reverse: the service first, then the line.
    const at = (i: number) => Date.parse(undone[i]!.compensatedAt!);
    expect(at(1) <= at(0)).toBe(true);
    expect((await t.admin('telecomLines').where({ id: l3 }).first()).status).toBe('terminated');
    expect((await t.admin('telecomSandboxBillingServices').where({ id: undone[1]!.externalRefs.serviceId }).first()).status).toBe('cancelled');
  });

  it('seeds a dozen demo deployments at every step, their actions in matching states, the studies asked to start; seeding again adds nothing', async () => {
    const demo = await createOwnTenant(t.admin, 'telecom-deploy-demo', ['telecom']);
    await seedLineFleet(t.admin, demo.tenantId, 20);
    const facts = { tenantId: demo.tenantId, slug: 'softwhere', userIds: demo.userIds };
    await seedDeploymentsDemo(t.admin, facts);
    await seedDeploymentsDemo(t.admin, facts);
    const rows = await t.admin('telecomDeployments').where({ tenantId: demo.tenantId }).select('status');
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['study', 'supplier', 'billing', 'check', 'fix', 'done', 'abandoned']));
    expect(await t.admin('processStartRequests').where({ tenantId: demo.tenantId, processKey: STUDY_DEPLOY_BILL_CHECK }).count({ n: '*' }).first()).toEqual({ n: 3 });
  });
});
