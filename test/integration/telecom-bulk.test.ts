import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { INSTALLED_ACTIVITY_MODULES } from '../../activities/installed-modules';
import { workflowBundle, testDataConverter } from '../support/engine';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { bulkApi, seedLineFleet, type LineFleet } from '../support/telecom-lines';
import { until } from '../support/worker-process';
import { ensureUser } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { hashPassword } from '../../domain/identity/passwords';

/**
 * The durable bulk on telecom lines through the API (spec 002 §5.4, ADR 0043): a change of plan on 500
 * lines, 50 of them terminated (refused with the reason, line by line); a re-run changes nothing more;
 * a run cancelled mid-way stops between two lines and its « relancer » finishes it without touching what
 * was done; bad input is refused in French and starts nothing.
 */
const QUEUE = `${TASK_QUEUE}-telecom-bulk`;

describe('telecom: durable bulk actions on lines', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let connection: NativeConnection;
  let worker: { worker: Worker; running: Promise<void> };
  let fleet: LineFleet;

  const { api, report, ended } = bulkApi(() => t.app, () => token);
  const versions = async (ids: string[]): Promise<Record<string, { version: number; planId: string }>> => Object.fromEntries(
    (await t.admin('telecomLines').whereIn('id', ids).select('id', 'version', 'planId')).map((r) => [r.id, { version: r.version, planId: r.planId }]));

  /** Whether a session waits on a lock the test's transaction holds. */
  const blockedBy = async (pid: number) => {
    const { rows: [blocked] } = await t.admin.raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from pg_stat_activity where ? = any(pg_blocking_pids(pid))', [pid]);
    return blocked!.n > 0 ? true : undefined;
  };

  beforeAll(async () => {
    t = testContext({ taskQueue: QUEUE });
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    tenant = await createOwnTenant(t.admin, 'telecom-bulk', ['telecom']);
    token = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    fleet = await seedLineFleet(t.admin, tenant.tenantId, 500, 10);
    worker = { worker: await Worker.create({
      connection, taskQueue: QUEUE, workflowBundle: await workflowBundle(),
      activities: createActivities({ knex: t.knex, loadPlan: async () => undefined, modules: INSTALLED_ACTIVITY_MODULES }),
      dataConverter: testDataConverter(t.knex),
    }), running: Promise.resolve() };
    worker.running = worker.worker.run();
  });

  afterAll(async () => {
    if (worker?.worker.getState() === 'RUNNING') {
      worker.worker.shutdown();
      await worker.running.catch(() => undefined);
    }
    await connection?.close();
    await t?.close();
  });

  it('changes the plan of 500 lines, reports the 50 terminated ones refused with the reason, and a re-run changes nothing more', async () => {
    const started = await api('post', '/api/v1/telecom/bulk').send({ action: 'change-plan', lineIds: fleet.lineIds, params: { planId: fleet.planIds[1] } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 500, status: 'running' });
    const run = await ended(started.body.id);
    expect(run).toMatchObject({ status: 'completed', total: 500, done: 450, refused: 50, failed: 0, cancelled: 0 });

    // The per-line report, paged, filtered on the refused ones, each with its reason (French by default, English when asked).
    const refused = await report(started.body.id, '?outcome=refused&limit=30');
    expect(refused.items).toHaveLength(30);
    expect(refused.nextAfter).toBe(refused.items[29].position);
    expect(refused.items[0]).toEqual({ lineId: fleet.lineIds[9], label: expect.stringMatching(/^\+33/), position: 10, outcome: 'refused', reason: expect.stringMatching(/résiliée/) });
    const rest = await report(started.body.id, `?outcome=refused&after=${refused.nextAfter}&limit=30`);
    expect(rest.items).toHaveLength(20);
    expect(rest.nextAfter).toBeNull();
    const english = await request(t.app).get(`/api/v1/telecom/bulk/${started.body.id}?outcome=refused&limit=1`).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'en');
    expect(english.body.items[0].reason).toMatch(/terminated/i);

    const after = await versions(fleet.lineIds);
    expect(fleet.lineIds.filter((id, i) => (i + 1) % 10 !== 0).every((id) => after[id]!.planId === fleet.planIds[1] && after[id]!.version === 2)).toBe(true);
    expect(fleet.lineIds.filter((id, i) => (i + 1) % 10 === 0).every((id) => after[id]!.planId === fleet.planIds[0] && after[id]!.version === 1)).toBe(true);
    // The lines' timelines: one change each, credited to the manager who started the bulk.
    const history = await t.admin('history').where({ tenantId: tenant.tenantId, recordType: 'telecom-line' }).whereIn('recordId', fleet.lineIds).select('actorUserId');
    expect(history).toHaveLength(450);
    expect(new Set(history.map((h) => h.actorUserId))).toEqual(new Set([tenant.userIds.manager]));

    // Nothing failed: nothing to retry.
    expect((await api('post', `/api/v1/telecom/bulk/${started.body.id}/retry`)).status).toBe(409);
    // The same bulk again: every line already on the plan is done without a change, the terminated ones refused again.
    const again = await api('post', '/api/v1/telecom/bulk').send({ action: 'change-plan', lineIds: fleet.lineIds, params: { planId: fleet.planIds[1] } });
    expect(again.status).toBe(202);
    expect(await ended(again.body.id)).toMatchObject({ status: 'completed', done: 450, refused: 50 });
    expect(await versions(fleet.lineIds)).toEqual(after);
    expect(await t.admin('history').where({ tenantId: tenant.tenantId, recordType: 'telecom-line' }).whereIn('recordId', fleet.lineIds).count<{ count: string }[]>('* as count')).toEqual([{ count: 450 }]);
  });

  it('cancels between two lines, then « relancer » finishes the rest without touching the lines done', async () => {
    const lines = fleet.lineIds.slice(0, 40);
    // The 6th line is held by another transaction: the run waits on it, the cancel is asked meanwhile.
    const hold = await t.admin.transaction();
    let id: string;
    try {
      await hold('telecomLines').where({ id: lines[5] }).forUpdate();
      const { rows: [holder] } = await hold.raw<{ rows: Array<{ pid: number }> }>('select pg_backend_pid() as pid');
      const started = await api('post', '/api/v1/telecom/bulk').send({ action: 'suspend', lineIds: lines, params: {} });
      expect(started.status).toBe(202);
      id = started.body.id;
      await until('the run to wait on the held line', () => blockedBy(holder!.pid));
      const cancel = await api('post', `/api/v1/telecom/bulk/${id}/cancel`);
      expect(cancel.status).toBe(202);
      expect(cancel.body.status).toBe('cancelling');
    } finally {
      await hold.rollback();
    }
    // The held line, already under way, ends; the next ones are not handled.
    const run = await ended(id!);
    expect(run).toMatchObject({ status: 'cancelled', total: 40, done: 6, cancelled: 34 });
    expect((await report(id!, '?outcome=cancelled&limit=1')).items[0]).toMatchObject({ lineId: lines[6], outcome: 'cancelled', reason: expect.stringMatching(/annulée/) });
    expect((await api('post', `/api/v1/telecom/bulk/${id!}/cancel`)).status).toBe(409);
    const before = await versions(lines);

    const retried = await api('post', `/api/v1/telecom/bulk/${id!}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body.workflowId).toMatch(/\/2$/);
    // 40 lines, the 10th, 20th… terminated: refused (a terminated line cannot be suspended).
    expect(await ended(id!)).toMatchObject({ status: 'completed', done: 36, refused: 4, cancelled: 0, failed: 0 });
    const after = await versions(lines);
    for (const lineId of lines.slice(0, 6)) expect(after[lineId]).toEqual(before[lineId]);
    expect(await t.admin('telecomLines').whereIn('id', lines).where({ status: 'suspended' }).count<{ count: string }[]>('* as count')).toEqual([{ count: 36 }]);
  });

  it('selects « every line of this filter » and refuses bad input in French, starting nothing', async () => {
    const before = Number((await t.admin('bulkRuns').where({ tenantId: tenant.tenantId }).count<{ count: string }[]>('* as count'))[0]!.count);
    const bad = [
      [{ action: 'teleport', lineIds: fleet.lineIds.slice(0, 1), params: {} }, 'action', /action groupée inconnue/],
      [{ action: 'change-plan', lineIds: fleet.lineIds.slice(0, 1), params: {} }, 'params.planId', /obligatoire/],
      [{ action: 'change-plan', lineIds: ['pas-un-id'], params: { planId: fleet.planIds[0] } }, 'lineIds.0', /./],
      [{ action: 'change-plan', params: { planId: fleet.planIds[0] } }, 'lineIds', /soit la liste/],
      [{ action: 'change-plan', lineIds: fleet.lineIds.slice(0, 1), filter: { fleetId: fleet.fleetId }, params: { planId: fleet.planIds[0] } }, 'lineIds', /soit la liste/],
      [{ action: 'change-plan', filter: { colour: 'bleu' }, params: { planId: fleet.planIds[0] } }, 'filter.colour', /./],
    ] as const;
    for (const [body, field, message] of bad) {
      const res = await api('post', '/api/v1/telecom/bulk').send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors ?? res.body.problems ?? res.body).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })]));
    }
    expect((await api('get', '/api/v1/telecom/bulk/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // A support N1 may read lines but not change plans: 403, nothing started.
    const n1 = (await loginAs(t.app, 'support-n1', tenant.slug)).accessToken;
    expect((await request(t.app).post('/api/v1/telecom/bulk').set('Authorization', `Bearer ${n1}`).send({ action: 'resume', lineIds: fleet.lineIds.slice(0, 1), params: {} })).status).toBe(403);
    expect(Number((await t.admin('bulkRuns').where({ tenantId: tenant.tenantId }).count<{ count: string }[]>('* as count'))[0]!.count)).toBe(before);

    // Every terminated line of the fleet, by filter: 50, each refused a resume (terminated for good).
    const byFilter = await api('post', '/api/v1/telecom/bulk').send({ action: 'resume', filter: { fleetId: fleet.fleetId, status: 'terminated' }, params: {} });
    expect(byFilter.status).toBe(202);
    expect(await ended(byFilter.body.id)).toMatchObject({ total: 50, refused: 50, done: 0 });
    const list = await api('get', '/api/v1/telecom/bulk');
    expect(list.body.items[0]).toMatchObject({ id: byFilter.body.id, action: 'telecom.resume' });
  });

  it('reports a line failing for a technical reason failed after its retries, and « relancer » applies it once the fault is gone', async () => {
    const lines = fleet.lineIds.slice(40, 45);
    const fault = `bulk_fault_${process.pid}`;
    // The third line's update fails in the database (not a rule: a technical fault), until the trigger goes.
    await t.admin.raw(`create function ${fault}() returns trigger language plpgsql as $$ begin raise exception 'panne simulée'; end $$`);
    await t.admin.raw(`create trigger ${fault} before update on telecom_lines for each row when (old.id = '${lines[2]}'::uuid) execute function ${fault}()`);
    let id: string;
    try {
      const started = await api('post', '/api/v1/telecom/bulk').send({ action: 'change-plan', lineIds: lines, params: { planId: fleet.planIds[0] } });
      expect(started.status).toBe(202);
      id = started.body.id;
      expect(await ended(id)).toMatchObject({ status: 'completed', done: 4, failed: 1, refused: 0 });
      expect((await report(id, '?outcome=failed')).items).toEqual([{ lineId: lines[2], label: expect.any(String), position: 3, outcome: 'failed', reason: expect.stringMatching(/échec technique après 4 tentatives/) }]);
    } finally {
      await t.admin.raw(`drop trigger if exists ${fault} on telecom_lines; drop function if exists ${fault}()`);
    }
    expect((await api('post', `/api/v1/telecom/bulk/${id!}/retry`)).status).toBe(202);
    expect(await ended(id!)).toMatchObject({ status: 'completed', done: 5, failed: 0 });
    expect(await t.admin('telecomLines').whereIn('id', lines).where({ planId: fleet.planIds[0] }).count<{ count: string }[]>('* as count')).toEqual([{ count: 5 }]);
  });

  it('« créer un déploiement »: one deployment per account, each line told which, a terminated line refused, « relancer » creates none more', async () => {
    const other = await seedLineFleet(t.admin, tenant.tenantId, 3);
    // Lines 46–50 of the first account (the 50th terminated) and the second account's three.
    const lines = [...fleet.lineIds.slice(45, 50), ...other.lineIds];
    const deployments = () => t.admin('telecomDeployments').where({ tenantId: tenant.tenantId }).orderBy('number').select('id', 'accountId', 'lineIds', 'status');
    const started = await api('post', '/api/v1/telecom/bulk').send({ action: 'create-deployment', lineIds: lines, params: { title: 'Renouvellement des mobiles' } });
    expect(started.status).toBe(202);
    expect(await ended(started.body.id)).toMatchObject({ status: 'completed', total: 8, done: 7, refused: 1 });
    const made = await deployments();
    expect(made.map((d) => [d.accountId, [...d.lineIds].sort(), d.status])).toEqual([
      [fleet.accountId, fleet.lineIds.slice(45, 49).sort(), 'study'], [other.accountId, [...other.lineIds].sort(), 'study']]);
    const items = (await report(started.body.id, '?limit=10')).items as Array<{ lineId: string; outcome: string; reason: string }>;
    expect(items.find((i) => i.lineId === fleet.lineIds[49])).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/résiliée/) });
    const numbers = await t.admin('telecomDeployments').whereIn('id', made.map((d) => d.id)).orderBy('number').pluck('number');
    expect(items.filter((i) => i.outcome === 'done').map((i) => i.reason)).toEqual([
      ...Array(4).fill(`Dans le déploiement n° ${numbers[0]}`), ...Array(3).fill(`Dans le déploiement n° ${numbers[1]}`)]);

    // One line of each account failed (as after a crash): « relancer » puts them back in their deployment, creating none.
    const again = [fleet.lineIds[48], other.lineIds[2]];
    await t.admin('bulkRunItems').where({ runId: started.body.id }).whereIn('itemId', again).update({ outcome: 'failed', reason: null });
    await t.admin('bulkRuns').where({ id: started.body.id }).update({ done: 5, failed: 2 });
    expect((await api('post', `/api/v1/telecom/bulk/${started.body.id}/retry`)).status).toBe(202);
    expect(await ended(started.body.id)).toMatchObject({ status: 'completed', done: 7, refused: 1, failed: 0 });
    expect(await deployments()).toEqual(made);

    // « Commander une SIM »: a deployment of the second account with an order-sim action per line (its process orders them through the operator port).
    const sims = await api('post', '/api/v1/telecom/bulk').send({ action: 'order-sim', lineIds: other.lineIds, params: { quantity: 2 } });
    expect(sims.status).toBe(202);
    expect(await ended(sims.body.id)).toMatchObject({ status: 'completed', done: 3 });
    const [simDeployment] = (await deployments()).slice(2);
    expect(simDeployment).toMatchObject({ accountId: other.accountId });
    expect(await t.admin('telecomDeploymentActions').where({ deploymentId: simDeployment!.id }).orderBy('position').select('kind', 'lineId', 'params'))
      .toEqual(other.lineIds.map((lineId) => ({ kind: 'order-sim', lineId, params: { quantity: 2 } })));
  });

  it('lets a role that may launch deployments but not change lines (« lancer déploiement » without « modifier forfait ») put lines into a deployment, and not change their plan', async () => {
    const lines = await seedLineFleet(t.admin, tenant.tenantId, 2);
    const [role] = await t.admin('roles').insert({ tenantId: tenant.tenantId, key: 'deployer', labelFr: 'Chargé de déploiement', labelEn: 'Deployment officer', vertical: 'telecom' }).returning('id');
    await t.admin('permissionGrants').insert(['telecom.line.read', 'telecom.fleet.read', 'core.account.read', 'telecom.deployment.read', 'telecom.deployment.create']
      .map((permission) => ({ tenantId: tenant.tenantId, roleId: role.id, permission, scope: 'all' })));
    await ensureUser(t.admin, tenant.tenantId, {
      email: demoEmail('deployer', tenant.slug), displayName: 'Chargé de déploiement', type: 'internal', passwordHash: await hashPassword(DEMO_PASSWORD), roleKeys: ['deployer'],
    });
    const deployerToken = (await loginAs(t.app, 'deployer', tenant.slug)).accessToken;
    const deployer = bulkApi(() => t.app, () => deployerToken);
    const started = await deployer.api('post', '/api/v1/telecom/bulk').send({ action: 'create-deployment', lineIds: lines.lineIds });
    expect(started.status).toBe(202);
    expect(await ended(started.body.id)).toMatchObject({ status: 'completed', total: 2, done: 2, refused: 0 });
    expect((await t.admin('telecomDeployments').where({ tenantId: tenant.tenantId, accountId: lines.accountId }).select('lineIds')).map((d) => [...d.lineIds].sort())).toEqual([[...lines.lineIds].sort()]);
    const plan = await deployer.api('post', '/api/v1/telecom/bulk').send({ action: 'change-plan', lineIds: lines.lineIds, params: { planId: lines.planIds[1] } });
    expect(plan.status).toBe(403);
  });
});
