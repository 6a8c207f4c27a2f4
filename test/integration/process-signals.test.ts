import crypto from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { loginAs, TASK_QUEUE, tenantId, testContext, type TestContext } from '../support/api';
import { engineWorker, startInstance } from '../support/engine';
import { buildPlan } from '../support/plans';
import type { Plan } from '../../kernel/process/plan';

/**
 * BPMN signals, server side: POST /api/v1/process-signals and the engine's
 * signal activities broadcast to the subscribed workflows of one tenant and
 * start the processes whose start event is that signal. Subscriptions are
 * written here by hand, so this proves the delivery without the interpreter's
 * catch events: a delivery is a `processSignal` WorkflowExecutionSignaled
 * event in the workflow's Temporal history.
 */
describe('process signals', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  let manager: string;
  let mspAdmin: string;
  let softwhere: string;
  let msp: string;
  const pid = process.pid;

  const waiting = buildPlan(`waits-${pid}`, [
    { id: 'start', kind: 'startEvent' },
    { id: 'review', kind: 'userTask', name: 'Keeps the instance running', candidateRoles: ['manager'] },
    { id: 'end', kind: 'endEvent' },
  ], [['f1', 'start', 'review'], ['f2', 'review', 'end']]);

  const startsOnSignal = (key: string, signalName: string) => buildPlan(key, [
    { id: 'on-signal', kind: 'startEvent', trigger: { type: 'signal', signalName } },
    { id: 'review', kind: 'userTask', name: 'Reprice', candidateRoles: ['manager'] },
    { id: 'end', kind: 'endEvent' },
  ], [['f1', 'on-signal', 'review'], ['f2', 'review', 'end']]);

  async function deploy(tenant: string, plan: Plan): Promise<void> {
    const last = await t.admin('processDefinitions').where({ tenantId: tenant, key: plan.processKey }).max('version as v').first();
    const version = Number(last?.v ?? 0) + 1;
    await t.admin('processDefinitions').insert({
      tenantId: tenant, key: plan.processKey, version, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify({ ...plan, version }), deployedAt: new Date(),
    });
  }

  /** A running workflow subscribed (by hand) to a signal name, as a catch event would subscribe it. */
  async function subscriber(tenant: string, signalName: string, elementId = 'catch'): Promise<{ handle: WorkflowHandle; workflowId: string }> {
    const { handle, workflowId } = await startInstance(t.admin, client, TASK_QUEUE, tenant, waiting);
    await t.admin('signalSubscriptions').insert({ tenantId: tenant, workflowId, elementId, signalName });
    return { handle, workflowId };
  }

  /**
   * How many `processSignal` signals a workflow's Temporal history holds. A
   * signal that arrives during a workflow task enters the history when that
   * task completes: count once no workflow task is pending.
   */
  async function signalsReceived(handle: WorkflowHandle): Promise<number> {
    for (let i = 0; i < 100 && (await handle.describe()).raw.pendingWorkflowTask; i++) await new Promise((r) => setTimeout(r, 50));
    const history = await handle.fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'processSignal').length;
  }

  const post = (token: string, body: unknown, idempotencyKey?: string) => {
    const req = request(t.app).post('/api/v1/process-signals').set('Authorization', `Bearer ${token}`);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send(body as object);
  };

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    client = await t.deps.temporal();
    softwhere = await tenantId(t.admin, 'softwhere');
    msp = await tenantId(t.admin, 'msp');
    manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    mspAdmin = (await loginAs(t.app, 'admin', 'msp')).accessToken;
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  it('delivers a signal to every subscribed workflow of the tenant, never to another tenant\'s, and a repeated Idempotency-Key delivers nothing twice', async () => {
    const name = `recall-${pid}`;
    const a = await subscriber(softwhere, name);
    const b = await subscriber(softwhere, name);
    await t.admin('signalSubscriptions').insert({ tenantId: softwhere, workflowId: b.workflowId, elementId: 'boundary', signalName: name });
    const other = await subscriber(msp, name);
    const key = crypto.randomUUID();

    const res = await post(manager, { name, variables: { lot: 'L-42' } }, key);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ delivered: 2, started: [] });
    expect(res.body.detail).toBeUndefined();
    // Once per workflow, however many of its elements wait for the name.
    expect(await signalsReceived(a.handle)).toBe(1);
    expect(await signalsReceived(b.handle)).toBe(1);
    expect(await signalsReceived(other.handle)).toBe(0);

    const again = await post(manager, { name, variables: { lot: 'L-42' } }, key);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(res.body);
    expect(await signalsReceived(a.handle)).toBe(1);
    expect(await signalsReceived(b.handle)).toBe(1);
    expect(await t.admin('signalBroadcasts').where({ tenantId: softwhere, signalName: name })).toHaveLength(1);

    // The other tenant's broadcast reaches its own subscriber only.
    const theirs = await post(mspAdmin, { name });
    expect(theirs.body).toMatchObject({ delivered: 1 });
    expect(await signalsReceived(other.handle)).toBe(1);
    expect(await signalsReceived(a.handle)).toBe(1);
  });

  it('skips a workflow that closed meanwhile and drops its subscriptions; a signal nobody waits for is lost, and said so', async () => {
    const name = `closing-${pid}`;
    const alive = await subscriber(softwhere, name);
    const gone = await subscriber(softwhere, name);
    await gone.handle.terminate('test: closed without unsubscribing');

    const res = await post(manager, { name });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ delivered: 1, started: [] });
    expect(await signalsReceived(alive.handle)).toBe(1);
    expect(await t.admin('signalSubscriptions').where({ workflowId: gone.workflowId })).toHaveLength(0);

    const lost = await post(manager, { name: `nobody-${pid}` });
    expect(lost.status).toBe(202);
    expect(lost.body).toMatchObject({ delivered: 0, started: [] });
    expect(lost.body.detail).toMatch(/ne sont pas conservés/);
    // Not buffered: a workflow that subscribes afterwards gets nothing.
    const late = await subscriber(softwhere, `nobody-${pid}`);
    expect(await signalsReceived(late.handle)).toBe(0);
  });

  it('refuses bad input and roles without process.message.create, recording nothing', async () => {
    const before = await t.admin('signalBroadcasts').count('* as n').first();
    const missing = await post(manager, { variables: {} });
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect((await post(manager, { name: 'x', extra: true })).status).toBe(400);
    expect((await post(manager, { name: '   ' })).status).toBe(400);
    const customer = await loginAs(t.app, 'client', 'softwhere');
    expect((await post(customer.accessToken, { name: `recall-${pid}` })).status).toBe(403);
    expect(await t.admin('signalBroadcasts').count('* as n').first()).toEqual(before);
  });

  it('starts one instance of the latest deployed version of each process that starts on the signal, per broadcast; not a retired one, not another tenant\'s', async () => {
    const name = `price-list-${pid}`;
    const key = `reprice-${pid}`;
    await deploy(softwhere, startsOnSignal(key, 'older-name'));
    await deploy(softwhere, startsOnSignal(key, name));
    await deploy(msp, startsOnSignal(`msp-reprice-${pid}`, name));

    const res = await post(manager, { name, variables: { list: '2027' } }, crypto.randomUUID());
    expect(res.status).toBe(202);
    expect(res.body.delivered).toBe(0);
    expect(res.body.detail).toBeUndefined();
    expect(res.body.started).toEqual([expect.objectContaining({ processKey: key, version: 2, startEvent: 'on-signal' })]);
    const [started] = res.body.started;
    const row = await t.admin('processInstances').where({ id: started.id }).first();
    expect(row).toMatchObject({ tenantId: softwhere, workflowId: started.workflowId, businessKey: `signal:${name}:${res.body.signalId}`, status: 'running' });
    const description = await client.workflow.getHandle(started.workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(await t.admin('processInstances').where({ tenantId: msp, processKey: `msp-reprice-${pid}` })).toHaveLength(0);

    // Each broadcast starts its own instance.
    const second = await post(manager, { name });
    expect(second.body.started).toHaveLength(1);
    expect(second.body.started[0].workflowId).not.toBe(started.workflowId);

    // A retired key starts nothing.
    await t.admin('processDefinitions').where({ tenantId: softwhere, key }).update({ retiredAt: new Date() });
    const retired = await post(manager, { name });
    expect(retired.body).toMatchObject({ delivered: 0, started: [] });
  });

  describe('engine activities', () => {
    const activities = () => createActivities({ knex: t.knex, loadPlan: async () => undefined, temporal: t.deps.temporal });
    const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => new MockActivityEnvironment({ taskQueue: TASK_QUEUE }).run(fn, ...args);

    it('subscribeSignal upserts, unsubscribeSignal removes, finishInstance drops what is left', async () => {
      const acts = activities();
      const { workflowId, instanceId, handle } = await startInstance(t.admin, client, TASK_QUEUE, softwhere, waiting);
      const sub = { tenantId: softwhere, workflowId, elementId: 'catch', signalName: `a-${pid}` };
      await run(acts['process.subscribeSignal'], sub);
      await run(acts['process.subscribeSignal'], { ...sub, signalName: `b-${pid}` });
      await run(acts['process.subscribeSignal'], { ...sub, elementId: 'boundary' });
      expect(await t.admin('signalSubscriptions').where({ workflowId }).orderBy('elementId').select('elementId', 'signalName'))
        .toEqual([{ elementId: 'boundary', signalName: `a-${pid}` }, { elementId: 'catch', signalName: `b-${pid}` }]);
      await run(acts['process.unsubscribeSignal'], { tenantId: softwhere, workflowId, elementId: 'catch' });
      expect(await t.admin('signalSubscriptions').where({ workflowId })).toHaveLength(1);
      await handle.terminate('test');
      await run(acts['process.finishInstance'], { tenantId: softwhere, instanceId, status: 'cancelled' });
      expect(await t.admin('signalSubscriptions').where({ workflowId })).toHaveLength(0);
    });

    it('broadcastSignal reaches every subscriber but the thrower, starts the processes, and a retry with the same key delivers nothing twice', async () => {
      const acts = activities();
      const name = `thrown-${pid}`;
      const key = `thrown-start-${pid}`;
      await deploy(softwhere, startsOnSignal(key, name));
      const thrower = await subscriber(softwhere, name);
      const waiter = await subscriber(softwhere, name);
      const input = { tenantId: softwhere, signalName: name, variables: { x: 1 }, fromWorkflowId: thrower.workflowId, idempotencyKey: `${thrower.workflowId}/throw/1` };

      expect(await run(acts['process.broadcastSignal'], input)).toEqual({ delivered: 1, started: 1 });
      expect(await run(acts['process.broadcastSignal'], input)).toEqual({ delivered: 1, started: 1 });
      expect(await signalsReceived(waiter.handle)).toBe(1);
      expect(await signalsReceived(thrower.handle)).toBe(0);
      expect(await t.admin('processInstances').where({ tenantId: softwhere, processKey: key })).toHaveLength(1);
    });
  });
});
