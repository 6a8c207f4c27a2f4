import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { engineWorker } from '../support/engine';
import { timerStartedProcessXml } from '../support/timer-process';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';

/** Timer start events: deploying a version schedules its start; a newer version replaces a start that has not happened. */
describe('timer start events', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let manager: string;
  const key = `weekly-check-${process.pid}`;

  const xml = (timer: string) => timerStartedProcessXml(key, timer);
  const deploy = (timer: string) => request(t.app).post('/api/v1/process-definitions?deploy=true').set('Authorization', `Bearer ${manager}`)
    .set('Content-Type', 'application/xml').send(xml(timer));

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  it('starts an instance at the timer of the deployed version, from its timer start event', async () => {
    const res = await deploy('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration>');
    expect(res.status).toBe(201);
    expect(res.body.scheduledStarts).toEqual([{ businessKey: 'timer:Clock:v1', startsAt: expect.any(String) }]);
    let task: { elementId: string; businessKey: string } | undefined;
    for (let i = 0; i < 100 && !task; i++) {
      const list = await request(t.app).get(`/api/v1/tasks?candidate=me&processKey=${key}`).set('Authorization', `Bearer ${manager}`);
      task = list.body.items[0];
      if (!task) await new Promise((r) => setTimeout(r, 100));
    }
    expect(task).toMatchObject({ elementId: 'Check', businessKey: 'timer:Clock:v1' });
  });

  it('replaces a start that has not happened yet when a newer version is deployed', async () => {
    const later = '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">2030-01-07T08:00:00+01:00</bpmn:timeDate>';
    const v2 = await deploy(later);
    expect(v2.body.scheduledStarts).toEqual([{ businessKey: 'timer:Clock:v2', startsAt: '2030-01-07T07:00:00.000Z' }]);
    const v3 = await deploy(later);
    expect(v3.body.version).toBe(3);
    const rows = await t.admin('processInstances').where({ processKey: key }).orderBy('version').select('version', 'status', 'cancelReason');
    expect(rows).toEqual([
      { version: 1, status: 'running', cancelReason: null },
      { version: 2, status: 'cancelled', cancelReason: 'Replaced by version 3 before its timer fired' },
      { version: 3, status: 'running', cancelReason: null },
    ]);
  });
});
