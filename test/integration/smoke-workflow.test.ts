import { spawn, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { ROOT } from '../support/paths';

/** Starts the real worker entrypoint as its own process, on this test's task queue. */
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT, env: { ...process.env, TEMPORAL_TASK_QUEUE: TASK_QUEUE, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
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

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('smoke workflow: API → Temporal → worker → PostgreSQL', () => {
  let t: TestContext;
  let token: string;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    t = testContext();
    token = (await loginAs(t.app, 'management', 'epic-events')).accessToken;
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t.close();
  });
  const api = (method: 'get' | 'post', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);

  it('completes a run started through the API exactly once, even when the worker is killed mid-run and restarted', async () => {
    const first = await startWorker();
    workers.push(first);
    const started = await api('post', '/api/v1/smoke-runs').send({ waitForSignal: true });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await until('the run to wait for its signal', async () => {
      const res = await api('get', `/api/v1/smoke-runs/${id}`);
      return res.body.state === 'waiting' ? res.body : undefined;
    });

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    // The signal is accepted by Temporal while no worker runs; nothing is lost.
    expect((await api('post', `/api/v1/smoke-runs/${id}/proceed`)).status).toBe(202);
    expect((await t.admin('smokeRuns').where({ id }).first('status')).status).toBe('running');

    const second = await startWorker();
    workers.push(second);
    const done = await until('the run to complete', async () => {
      const res = await api('get', `/api/v1/smoke-runs/${id}`);
      return res.body.workflowStatus === 'COMPLETED' ? res.body : undefined;
    });
    expect(done).toMatchObject({ status: 'completed', completions: 1 });

    second.kill('SIGTERM');
    const code = await new Promise((r) => second.once('exit', r));
    expect(code).toBe(0);
  });

  it('refuses to start a smoke run for a role without the permission', async () => {
    const sales = (await loginAs(t.app, 'sales', 'epic-events')).accessToken;
    const res = await request(t.app).post('/api/v1/smoke-runs').set('Authorization', `Bearer ${sales}`).send({});
    expect(res.status).toBe(403);
  });
});
