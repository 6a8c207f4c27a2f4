import { NativeConnection, type Worker } from '@temporalio/worker';
import { createEngineActivities } from '../../activities/process/engine.activities';
import { engineWorker } from '../support/engine';
import { buildPlan } from '../support/plans';
import { asUser, eventually } from '../support/http';
import { loginAs, TASK_QUEUE, tenantId, testContext, type TestContext } from '../support/api';
import type { Plan } from '../../kernel/process/plan';

/** Messages published before an instance waits for them are buffered (time to live), then consumed by the first catch event that subscribes. */
describe('buffered process messages', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let manager: string;
  let tenant: string;
  const pid = process.pid;
  const key = `awaits-payment-${pid}`;
  const plan = buildPlan(key, [
    { id: 'start', kind: 'startEvent' },
    { id: 'paid', kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: `payment-${pid}` } },
    { id: 'end', kind: 'endEvent' },
  ], [['f1', 'start', 'paid'], ['f2', 'paid', 'end']]);

  async function deploy(p: Plan): Promise<void> {
    await t.admin('processDefinitions').insert({ tenantId: tenant, key: p.processKey, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(p), deployedAt: new Date() });
  }
  const as = (token: string) => asUser(t.app, token);
  const until = eventually;

  beforeAll(async () => {
    t = testContext();
    tenant = await tenantId(t.admin, 'softwhere');
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    await deploy(plan);
    manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  it('buffers a message nobody waits for, and the instance that reaches the catch event later continues with its variables', async () => {
    const sent = await as(manager).post('/api/v1/process-messages', { name: `payment-${pid}`, correlationKey: 'INV-1', variables: { amountCents: 12000 }, timeToLive: 'PT10M' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ delivered: false, buffered: true, messageId: expect.any(String) });
    const ttl = Date.parse(sent.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    expect(sent.body.detail).toMatch(/^Aucun processus n'attend encore le message « payment-\d+ » de clé « INV-1 » : il est gardé jusqu'au .+ pour le premier qui l'attendra/);

    const started = await as(manager).post('/api/v1/process-instances', { processKey: key, businessKey: 'INV-1' });
    expect(started.status).toBe(201);
    const done = await until(async () => {
      const res = await as(manager).get(`/api/v1/process-instances/${started.body.id}`);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(done.variables).toMatchObject({ amountCents: 12000 });
    const row = await t.admin('bufferedMessages').where({ id: sent.body.messageId }).first();
    expect(row.consumedByWorkflowId).toBe(started.body.workflowId);
    const consumed = await as(manager).get('/api/v1/process-messages/buffered?state=consumed');
    expect(consumed.body.items.find((m: { id: string }) => m.id === sent.body.messageId)).toMatchObject({ state: 'consumed' });
  });

  it('answers 400 for a time to live that is not a duration or is over seven days, and buffers nothing', async () => {
    // This test's messages only: other files buffer messages in the same database meanwhile.
    const mine = () => t.admin('bufferedMessages').where({ name: `payment-${pid}`, correlationKey: 'INV-BAD' }).count<{ count: string }[]>('* as count');
    const before = await mine();
    for (const timeToLive of ['une heure', 'P8D', 'PT0S', 'P1M']) {
      const res = await as(manager).post('/api/v1/process-messages', { name: `payment-${pid}`, correlationKey: 'INV-BAD', timeToLive });
      expect(res.status).toBe(400);
      expect(res.body.detail ?? JSON.stringify(res.body)).toMatch(/timeToLive|duration|P7D/);
    }
    expect(await mine()).toEqual(before);
  });

  it('never delivers an expired message, and lists it as expired', async () => {
    const [expired] = await t.admin('bufferedMessages').insert({
      tenantId: tenant, name: `payment-${pid}`, correlationKey: 'INV-2', variables: JSON.stringify({ late: true }),
      receivedAt: new Date(Date.now() - 2 * 3_600_000), expiresAt: new Date(Date.now() - 3_600_000),
    }).returning('id');
    const engine = createEngineActivities({ knex: t.knex, loadPlan: async () => undefined });
    const result = await engine['process.subscribeMessage']({ tenantId: tenant, workflowId: `${tenant}/${key}/INV-2`, elementId: 'paid', messageName: `payment-${pid}`, correlationKey: 'INV-2' });
    expect(result).toEqual({ message: null });
    expect((await t.admin('bufferedMessages').where({ id: expired.id }).first()).consumedAt).toBeNull();
    const unmatched = await as(manager).get('/api/v1/process-messages/unmatched');
    expect(unmatched.body.items.find((m: { id: string }) => m.id === expired.id)).toMatchObject({ state: 'expired' });
    const list = await as(manager).get('/api/v1/process-messages/buffered?state=expired');
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(expired.id);
  });

  it('hands one buffered message to one of two concurrent subscribers, never to both, and the same one again on a retried subscription', async () => {
    const engine = createEngineActivities({ knex: t.knex, loadPlan: async () => undefined });
    for (let round = 0; round < 5; round++) {
      const correlationKey = `INV-RACE-${round}`;
      const sent = await as(manager).post('/api/v1/process-messages', { name: `payment-${pid}`, correlationKey, variables: { round } });
      expect(sent.status).toBe(202);
      const subscribe = (who: string) => engine['process.subscribeMessage']({ tenantId: tenant, workflowId: `${tenant}/${key}/${who}-${round}`, elementId: 'paid', messageName: `payment-${pid}`, correlationKey });
      const results = await Promise.all([subscribe('a'), subscribe('b'), subscribe('c')]);
      const got = results.filter((r) => r.message !== null);
      expect(got).toHaveLength(1);
      expect(got[0]!.message).toEqual({ name: `payment-${pid}`, correlationKey, variables: { round } });
      // The activity retried after its transaction committed: the same message, not another one.
      const winner = ['a', 'b', 'c'][results.findIndex((r) => r.message !== null)]!;
      expect(await subscribe(winner)).toEqual(got[0]);
    }
  });

  it('never loses a message published while the instance is starting: every instance continues', async () => {
    const keys = [1, 2, 3, 4, 5].map((n) => `INV-RACE-START-${n}`);
    const outcomes = await Promise.all(keys.map(async (businessKey, n) => {
      const [started, sent] = await Promise.all([
        as(manager).post('/api/v1/process-instances', { processKey: key, businessKey }),
        new Promise((r) => setTimeout(r, n * 40)).then(() => as(manager).post('/api/v1/process-messages', { name: `payment-${pid}`, correlationKey: businessKey, variables: { n } })),
      ]);
      expect(started.status).toBe(201);
      expect(sent.status).toBe(202);
      return { id: started.body.id as string, n, buffered: sent.body.buffered === true };
    }));
    for (const { id, n } of outcomes) {
      const done = await until(async () => {
        const res = await as(manager).get(`/api/v1/process-instances/${id}`);
        return res.body.status === 'completed' ? res.body : undefined;
      });
      expect(done.variables).toMatchObject({ n });
    }
  });
});
