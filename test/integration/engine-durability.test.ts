import { spawn, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { buildPlan } from '../support/plans';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';
import { ROOT } from '../support/paths';

const INSTANCES = 50;

/** The real worker entrypoint as its own process, so it can be killed with SIGKILL. */
function startWorker(taskQueue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT, env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker running')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${output.slice(-2000)}`)));
  });
}

/**
 * Accepted work is never lost: 50 instances in flight, the worker killed with
 * SIGKILL in the middle of their service tasks and started again — every
 * instance completes and every side effect happened exactly once.
 */
describe('engine durability', () => {
  let t: TestContext;
  const workers: ChildProcess[] = [];
  const taskQueue = `durability-${process.pid}`;
  const key = `durable-${process.pid}`;

  beforeAll(async () => {
    t = testContext({ taskQueue });
    const plan = buildPlan(key, [
      { id: 'start', kind: 'startEvent' },
      { id: 'before', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'before' } },
      { id: 'go', kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: `go-${process.pid}` } },
      { id: 'split', kind: 'parallelGateway' },
      { id: 'left', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'left' } },
      { id: 'right', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'right' } },
      { id: 'join', kind: 'parallelGateway' },
      { id: 'after', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'after' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'before'], ['f2', 'before', 'go'], ['f3', 'go', 'split'], ['f4', 'split', 'left'], ['f5', 'split', 'right'],
      ['f6', 'left', 'join'], ['f7', 'right', 'join'], ['f8', 'join', 'after'], ['f9', 'after', 'end']]);
    await t.admin('processDefinitions').insert({
      tenantId: await tenantId(t.admin, 'msp'), key, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
    });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t.close();
  });

  async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('completes every instance with each side effect exactly once after the worker is killed mid-flight', async () => {
    const token = (await loginAs(t.app, 'admin', 'msp')).accessToken;
    const api = (url: string, body: object) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body);
    workers.push(await startWorker(taskQueue));

    for (let i = 0; i < INSTANCES; i++) {
      expect((await api('/api/v1/process-instances', { processKey: key, businessKey: `job-${i}` })).status).toBe(201);
    }
    const subscriptions = () => t.admin('messageSubscriptions').where({ messageName: `go-${process.pid}` }).count<{ count: string }[]>('* as count');
    await until('every instance to wait for its message', async () => Number((await subscriptions())[0]!.count) === INSTANCES);

    for (let i = 0; i < INSTANCES; i++) {
      expect((await api('/api/v1/process-messages', { name: `go-${process.pid}`, correlationKey: `job-${i}` })).status).toBe(202);
    }
    const journal = () => t.admin('processJournal as j').join('processInstances as p', 'p.workflowId', 'j.workflowId')
      .where('p.processKey', key).select('j.workflowId', 'j.label');
    // Kill the worker while the branches after the message are being executed.
    await until('the worker to be in the middle of the branches', async () => (await journal()).length >= INSTANCES + 10, 120_000);
    const killedAt = (await journal()).length;
    workers[0]!.kill('SIGKILL');
    await new Promise((r) => workers[0]!.once('exit', r));
    expect(killedAt).toBeLessThan(INSTANCES * 4);

    workers.push(await startWorker(taskQueue));
    await until('every instance to complete', async () => {
      const done = await t.admin('processInstances').where({ processKey: key, status: 'completed' }).count<{ count: string }[]>('* as count');
      return Number(done[0]!.count) === INSTANCES;
    });
    const rows = await journal();
    const perInstance = new Map<string, string[]>();
    for (const r of rows) perInstance.set(r.workflowId, [...(perInstance.get(r.workflowId) ?? []), r.label]);
    expect(perInstance.size).toBe(INSTANCES);
    for (const labels of perInstance.values()) expect(labels.sort()).toEqual(['after', 'before', 'left', 'right']);
  }, 420_000);
});
