import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { engineWorker } from '../support/engine';
import { buildPlan } from '../support/plans';
import { loginAs, TASK_QUEUE, tenantId, testContext, type TestContext } from '../support/api';
import { ENCRYPTED_ENCODING } from '../../domain/process/payload-codec';

/** DESIGN §5: what Temporal stores is encrypted with the tenant's key; only Relais's clients and workers can read it. */
describe('Temporal payload encryption', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let raw: Client;
  const key = `secret-${process.pid}`;
  const plan = buildPlan(key, [
    { id: 'start', kind: 'startEvent' },
    { id: 'record', kind: 'serviceTask', activity: 'system.echo', inputs: { note: '=note' }, resultVariable: 'echoed' },
    { id: 'end', kind: 'endEvent' },
  ], [['f1', 'start', 'record'], ['f2', 'record', 'end']]);

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    raw = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }) });
    for (const slug of ['softwhere', 'msp']) {
      await t.admin('processDefinitions').insert({
        tenantId: await tenantId(t.admin, slug), key, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
      });
    }
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await raw.connection.close();
    await connection.close();
    await t.close();
  });

  async function run(slug: string, role: string, note: string) {
    const token = (await loginAs(t.app, role, slug)).accessToken;
    const started = await request(t.app).post('/api/v1/process-instances').set('Authorization', `Bearer ${token}`)
      .send({ processKey: key, businessKey: `B-${slug}`, variables: { note } });
    expect(started.status).toBe(201);
    const result = await (await t.deps.temporal()).workflow.getHandle(started.body.workflowId).result() as { status: string; variables?: Record<string, unknown> };
    return { workflowId: started.body.workflowId as string, result };
  }

  it('stores every payload encrypted, under a key per tenant, while the product reads them as usual', async () => {
    const note = 'Confidentiel : audit de Kevin Casey';
    const a = await run('softwhere', 'manager', note);
    const b = await run('msp', 'manager', note);
    expect(a.result.status).toBe('completed');

    for (const { workflowId } of [a, b]) {
      const history = await raw.workflow.getHandle(workflowId).fetchHistory();
      const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
      expect(bytes).not.toContain('Kevin');
      expect(bytes).not.toContain('Confidentiel');
      const started = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
      expect(started.map((p) => Buffer.from(p.metadata!.encoding!).toString())).toEqual([ENCRYPTED_ENCODING]);
    }
    // A client without the codec gets ciphertext, not the result.
    await expect(raw.workflow.getHandle(a.workflowId).result()).rejects.toThrow();

    const keys = await t.admin('payloadKeys').select('tenantId', 'sealedKey');
    const tenants = new Set(keys.map((k: { tenantId: string }) => k.tenantId));
    expect(tenants.has(await tenantId(t.admin, 'softwhere'))).toBe(true);
    expect(tenants.has(await tenantId(t.admin, 'msp'))).toBe(true);
    // Keys are sealed by RELAIS_SECRET_KEY, never stored in the clear.
    for (const k of keys) expect(k.sealedKey).toMatch(/^v1\./);
  });
});
