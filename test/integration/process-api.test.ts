import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { engineWorker } from '../support/engine';
import { buildPlan } from '../support/plans';
import { loginAs, TASK_QUEUE, tenantId, testContext, type TestContext } from '../support/api';
import type { Plan } from '../../kernel/process/plan';

/** Starting processes, the task list, messages, incidents and cancelling, through the HTTP API. */
describe('process runtime API', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let manager: string;
  let supportN1: string;
  let sales: string;
  const key = `approval-${process.pid}`;

  async function deploy(tenantSlug: string, plan: Plan): Promise<void> {
    const tenant = await tenantId(t.admin, tenantSlug);
    const last = await t.admin('processDefinitions').where({ tenantId: tenant, key: plan.processKey }).max('version as v').first();
    const version = Number(last?.v ?? 0) + 1;
    await t.admin('processDefinitions').insert({
      tenantId: tenant, key: plan.processKey, version, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify({ ...plan, version }), deployedAt: new Date(),
    });
  }

  const plan = buildPlan(key, [
    { id: 'start', kind: 'startEvent' },
    { id: 'review', kind: 'userTask', name: 'Vérifier la commande', candidateRoles: ['support-n1'], formKey: 'core.approval', dueDate: 'P2D' },
    { id: 'decide', kind: 'exclusiveGateway', defaultFlow: 'no' },
    { id: 'wait-signature', kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: `signed-${process.pid}` } },
    { id: 'end', kind: 'endEvent' },
  ], [['f1', 'start', 'review'], ['f2', 'review', 'decide'], ['yes', 'decide', 'wait-signature', '=approved'], ['no', 'decide', 'end'], ['f3', 'wait-signature', 'end']]);

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    await deploy('softwhere', plan);
    manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    supportN1 = (await loginAs(t.app, 'support-n1', 'softwhere')).accessToken;
    sales = (await loginAs(t.app, 'sales', 'softwhere')).accessToken;
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const as = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: unknown = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body as object),
  });

  async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 150; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timed out');
  }

  async function startOne(businessKey: string) {
    const res = await as(manager).post('/api/v1/process-instances', { processKey: key, businessKey, variables: { orderId: businessKey } });
    expect(res.status).toBe(201);
    const task = await until(async () => {
      const list = await as(supportN1).get(`/api/v1/tasks?candidate=me&processKey=${key}`);
      return list.body.items.find((x: { businessKey: string }) => x.businessKey === businessKey);
    });
    return { instance: res.body, task };
  }

  it('starts an instance once per business object and offers its task to the candidate role only', async () => {
    const { instance, task } = await startOne('CMD-1');
    expect(instance).toMatchObject({ processKey: key, version: 1, businessKey: 'CMD-1', status: 'running' });
    expect(task).toMatchObject({ elementId: 'review', name: 'Vérifier la commande', assignee: null, formKey: 'core.approval' });
    expect(new Date(task.dueAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    const again = await as(manager).post('/api/v1/process-instances', { processKey: key, businessKey: 'CMD-1' });
    expect(again.status).toBe(409);
    expect(again.body.instance.id).toBe(instance.id);
    const salesList = await as(sales).get('/api/v1/tasks');
    expect(salesList.body.items.map((x: { id: string }) => x.id)).not.toContain(task.id);
    expect((await as(sales).get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    // A process owner sees every task.
    const all = await as(manager).get('/api/v1/tasks');
    expect(all.body.items.map((x: { id: string }) => x.id)).toContain(task.id);
    const unknown = await as(manager).post('/api/v1/process-instances', { processKey: 'nope', businessKey: 'x' });
    expect(unknown.status).toBe(422);
  });

  it('claims, refuses bad form data and second completions, and moves on with the data', async () => {
    const { instance, task } = await startOne('CMD-2');
    expect((await as(sales).post(`/api/v1/tasks/${task.id}/claim`)).status).toBe(404);
    const claimed = await as(supportN1).post(`/api/v1/tasks/${task.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBeTruthy();
    const bad = await as(supportN1).post(`/api/v1/tasks/${task.id}/complete`, { approved: 'oui', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['approved', 'extra']);
    expect((await t.admin('tasks').where({ id: task.id }).first('status')).status).toBe('open');

    const done = await as(supportN1).post(`/api/v1/tasks/${task.id}/complete`, { approved: false, comment: 'Rupture de stock' });
    expect(done.status).toBe(200);
    const twice = await as(supportN1).post(`/api/v1/tasks/${task.id}/complete`, { approved: true });
    expect(twice.status).toBe(409);
    const finished = await until(async () => {
      const res = await as(manager).get(`/api/v1/process-instances/${instance.id}`);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(finished.tasks[0]).toMatchObject({ elementId: 'review', status: 'completed' });
  });

  it('shows process variables only to roles allowed to read them', async () => {
    const { instance } = await startOne('CMD-3');
    const owner = await as(manager).get(`/api/v1/process-instances/${instance.id}`);
    expect(owner.body.variables).toMatchObject({ orderId: 'CMD-3' });
    expect(owner.body.activeElements).toEqual(['review']);
    const staff = await as(supportN1).get(`/api/v1/process-instances/${instance.id}`);
    expect(staff.status).toBe(200);
    expect(staff.body.variables).toBeUndefined();
    expect(staff.body.activeElements).toEqual(['review']);
  });

  it('delivers a message to the waiting instance and buffers one that nobody waits for yet', async () => {
    const { instance, task } = await startOne('CMD-4');
    expect((await as(supportN1).post(`/api/v1/tasks/${task.id}/complete`, { approved: true })).status).toBe(200);
    await until(async () => ((await as(manager).get(`/api/v1/process-instances/${instance.id}`)).body.activeElements.includes('wait-signature') ? true : undefined));

    const early = await as(manager).post('/api/v1/process-messages', { name: `signed-${process.pid}`, correlationKey: 'CMD-999' });
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({ delivered: false, buffered: true });
    const buffered = await as(manager).get('/api/v1/process-messages/buffered?state=waiting');
    expect(buffered.body.items.map((m: { id: string }) => m.id)).toContain(early.body.messageId);

    const delivered = await as(manager).post('/api/v1/process-messages', { name: `signed-${process.pid}`, correlationKey: 'CMD-4', variables: { signedAt: '2026-11-23' } });
    expect(delivered.status).toBe(202);
    const finished = await until(async () => {
      const res = await as(manager).get(`/api/v1/process-instances/${instance.id}`);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(finished.status).toBe('completed');
  });

  it('starts a new instance when a message matches a message start event, keyed by its correlation key', async () => {
    const orderKey = `order-by-message-${process.pid}`;
    await deploy('softwhere', buildPlan(orderKey, [
      { id: 'manual', kind: 'startEvent' },
      { id: 'received', kind: 'startEvent', trigger: { type: 'message', messageName: `order-received-${process.pid}` } },
      { id: 'review', kind: 'userTask', name: 'Vérifier la commande reçue', candidateRoles: ['support-n1'], formKey: 'core.approval' },
      { id: 'end', kind: 'endEvent' },
    ], [['f0', 'manual', 'review'], ['f1', 'received', 'review'], ['f2', 'review', 'end']]));
    const res = await as(manager).post('/api/v1/process-messages', { name: `order-received-${process.pid}`, correlationKey: 'CMD-WEB-1', variables: { total: 120 } });
    expect(res.status).toBe(201);
    expect(res.body.started).toEqual([expect.objectContaining({ processKey: orderKey, startEvent: 'received' })]);
    const task = await until(async () => {
      const list = await as(supportN1).get(`/api/v1/tasks?candidate=me&processKey=${orderKey}`);
      return list.body.items.find((x: { businessKey: string }) => x.businessKey === 'CMD-WEB-1');
    });
    expect(task.elementId).toBe('review');
    const instance = await as(manager).get(`/api/v1/process-instances/${res.body.started[0].id}`);
    expect(instance.body.variables).toMatchObject({ total: 120 });
    expect(instance.body.completedElements).toMatchObject({ received: 1 });
    // The same business object again while it runs: 409, nothing started twice.
    const again = await as(manager).post('/api/v1/process-messages', { name: `order-received-${process.pid}`, correlationKey: 'CMD-WEB-1' });
    expect(again.status).toBe(409);
  });

  it('cancels with a reason, only for process owners, and lists instances by state', async () => {
    const { instance } = await startOne('CMD-5');
    expect((await as(supportN1).post(`/api/v1/process-instances/${instance.id}/cancel`, { reason: 'x' })).status).toBe(403);
    expect((await as(manager).post(`/api/v1/process-instances/${instance.id}/cancel`, {})).status).toBe(400);
    expect((await as(manager).post(`/api/v1/process-instances/${instance.id}/cancel`, { reason: 'Commande annulée par le client' })).status).toBe(202);
    const cancelled = await until(async () => {
      const res = await as(manager).get(`/api/v1/process-instances?processKey=${key}&status=cancelled`);
      return res.body.items.find((i: { id: string }) => i.id === instance.id);
    });
    expect(cancelled.cancelReason).toBe('Commande annulée par le client');
    // The instance row says cancelled before the workflow's last task: wait for its completion in Temporal's history.
    const types = await until(async () => {
      const history = await as(manager).get(`/api/v1/process-instances/${instance.id}/history`);
      const seen = history.body.items.map((e: { type: string }) => e.type) as string[];
      return seen.includes('Processus terminé') ? seen : undefined;
    });
    expect(types).toEqual(expect.arrayContaining(['Processus démarré', 'Signal cancelProcess', 'Processus terminé']));
    const english = await as(manager).get(`/api/v1/process-instances/${instance.id}/history`).set('Accept-Language', 'en');
    expect(english.body.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['Process started', 'Process completed']));
  });

  it('never shows another tenant\'s instances or tasks', async () => {
    const { instance, task } = await startOne('CMD-6');
    const stranger = (await loginAs(t.app, 'admin', 'msp')).accessToken;
    expect((await as(stranger).get(`/api/v1/process-instances/${instance.id}`)).status).toBe(404);
    expect((await as(stranger).get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await as(stranger).post(`/api/v1/tasks/${task.id}/complete`, { approved: true })).status).toBe(404);
    const list = await as(stranger).get('/api/v1/tasks');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(task.id);
  });
});
