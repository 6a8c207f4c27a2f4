import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { engineWorker } from '../support/engine';
import { loginAs, TASK_QUEUE, testContext, userId, type TestContext } from '../support/api';

interface TimelineItem {
  action: string;
  actor: { id: string; displayName: string } | null;
  via: { processKey: string; processName: string | null } | null;
  changes: Record<string, unknown>;
  names?: Record<string, string>;
}

/**
 * A record a process's service task creates is credited to the person who
 * completed the user task before it (not to « Système »), with the process named.
 */
describe('history of records written by a process', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const token: Record<string, string> = {};
  const uid: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    for (const role of ['management', 'sales']) {
      token[role] = (await loginAs(t.app, role, 'epic-events')).accessToken;
      uid[role] = await userId(t.admin, role, 'epic-events');
    }
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const get = (role: string, url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token[role]}`);
  const post = (role: string, url: string, body: object) => request(t.app).post(url).set('Authorization', `Bearer ${token[role]}`).send(body);

  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('credits the contract created by the lead-to-event task to the manager who completed "Créer le contrat", via the process', async () => {
    const client = await post('sales', '/api/v1/events/clients', { fullName: 'Inès Lambert', email: 'ines.lambert@example.fr' });
    expect(client.status).toBe(201);
    const task = await until('the CreateContract task', async () => {
      const list = await get('management', '/api/v1/tasks?candidate=me&processKey=events.lead-to-event&limit=200');
      return list.body.items.find((x: { businessKey: string; elementId: string }) => x.businessKey === client.body.id && x.elementId === 'CreateContract') as { id: string } | undefined;
    });

    // The manager fills the task's form; the service task after it creates the contract.
    const done = await post('management', `/api/v1/tasks/${task.id}/complete`, { totalAmountCents: 1_200_000 });
    expect(done.status).toBeLessThan(300);
    const contract = await until('the contract', async () => {
      const list = await get('management', `/api/v1/events/contracts?clientId=${client.body.id}`);
      return list.body.items?.[0] as { id: string; version: number } | undefined;
    });

    const history = await get('management', `/api/v1/events/contracts/${contract.id}/history`);
    expect(history.status).toBe(200);
    const created = (history.body.items as TimelineItem[]).find((i) => i.action === 'create')!;
    expect(created.actor).toEqual({ id: uid.management, displayName: expect.any(String) });
    expect(created.via).toEqual({ processKey: 'events.lead-to-event', processName: expect.stringContaining('prospect') });
    expect(created.changes).toMatchObject({ totalAmountCents: { before: null, after: 1_200_000 } });
    // The client's salesperson is named, not left as an id.
    expect(created.names).toMatchObject({ [uid.sales!]: expect.any(String) });
  });
});
