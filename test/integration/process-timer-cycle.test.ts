import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { engineWorker, resultSkippingTime, skipTime, timeSkippingEnv } from '../support/engine';
import { recordingHistories, saveHistoryFixture } from '../support/history-fixtures';
import { timerStartedProcessXml } from '../support/timer-process';
import { loginAs, testContext, type TestContext } from '../support/api';
import type { TimerStartSchedulerResult } from '../../workflows/process/timer-start-scheduler.contract';

const HOUR = 3_600_000;

/** Processes that start on a schedule (a timer start event with a cycle), on Temporal's time-skipping test server. */
describe('timer start events with a cycle', () => {
  let env: TestWorkflowEnvironment;
  let t: TestContext;
  let worker: Worker;
  let running: Promise<void>;
  let manager: string;
  let tenantId: string;
  const taskQueue = `timer-cycles-${process.pid}`;

  const xml = (key: string, cycle: string) => timerStartedProcessXml(key, `<bpmn:timeCycle>${cycle}</bpmn:timeCycle>`);
  const deploy = (key: string, cycle: string) => request(t.app).post('/api/v1/process-definitions?deploy=true').set('Authorization', `Bearer ${manager}`)
    .set('Content-Type', 'application/xml').send(xml(key, cycle));
  const post = (path: string) => request(t.app).post(`/api/v1/process-definitions/${path}`).set('Authorization', `Bearer ${manager}`);
  const schedulerId = (key: string) => `${tenantId}/${key}/timer-cycle:Clock`;
  /** The instances the schedule started, oldest first: the firing time is in the business key. */
  const started = async (key: string) => (await t.admin('processInstances').where({ processKey: key }).select('businessKey', 'version', 'workflowId', 'startedBy'))
    .map((r: { businessKey: string; version: number; workflowId: string; startedBy: string | null }) => ({ ...r, firedAt: Date.parse(r.businessKey.slice('timer:Clock:'.length)) }))
    .sort((a, b) => a.firedAt - b.firedAt);

  /** The started instances once there are at least `count` (an activity may still be running when skipped time has passed). */
  async function startedAtLeast(key: string, count: number) {
    for (let i = 0; i < 100; i++) {
      const rows = await started(key);
      if (rows.length >= count) return rows;
      await new Promise((r) => setTimeout(r, 100));
    }
    return started(key);
  }

  beforeAll(async () => {
    // The API's Temporal client is the test server's (with the product's converter, on the API's database).
    t = testContext({ temporal: async () => env.client, taskQueue });
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    const login = await loginAs(t.app, 'manager', 'softwhere');
    manager = login.accessToken;
    tenantId = login.tenantId;
  });
  /** Scheduler runs kept as replay fixtures when RECORD_HISTORIES=1. */
  const recorded: string[] = [];
  afterAll(async () => {
    if (recordingHistories()) {
      for (const [i, workflowId] of recorded.entries()) await saveHistoryFixture(env.client, t.admin, `r-timer-start-scheduler-${i + 1}`, workflowId, tenantId);
    }
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t?.close();
  });

  it('starts exactly three instances an hour apart for R3/PT1H, then the scheduler ends', async () => {
    const key = `hourly-${process.pid}`;
    const before = await env.currentTimeMs();
    const res = await deploy(key, 'R3/PT1H');
    expect(res.status).toBe(201);
    expect(res.body.startSchedules).toEqual([{ startEvent: 'Clock', cycle: 'R3/PT1H', workflowId: schedulerId(key) }]);
    // Waiting for the result lets the test server skip the three hours.
    const result = await resultSkippingTime<TimerStartSchedulerResult>(env, schedulerId(key));
    recorded.push(schedulerId(key));
    expect(result).toEqual({ fired: 3, ended: 'repetitions' });
    expect(await env.currentTimeMs() - before).toBeGreaterThanOrEqual(3 * HOUR);
    const rows = await started(key);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.firedAt - before).toBeGreaterThanOrEqual(HOUR);
    expect(rows[0]!.firedAt - before).toBeLessThan(HOUR + 60_000);
    expect([rows[1]!.firedAt - rows[0]!.firedAt, rows[2]!.firedAt - rows[1]!.firedAt]).toEqual([HOUR, HOUR]);
    for (const row of rows) {
      expect(row).toMatchObject({ version: 1, startedBy: null, businessKey: `timer:Clock:${new Date(row.firedAt).toISOString()}` });
      // Each is a real instance, waiting at its user task.
      const described = await env.client.workflow.getHandle(row.workflowId).describe();
      expect([described.type, described.status.name]).toEqual(['bpmnProcess', 'RUNNING']);
    }
  });

  it('starts one instance a day at 9:00, Paris time, for the cron "0 9 * * *"', async () => {
    const key = `daily-${process.pid}`;
    expect((await deploy(key, '0 9 * * *')).status).toBe(201);
    await skipTime(env, 3 * 24 * HOUR + HOUR);
    const rows = await startedAtLeast(key, 3);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThanOrEqual(4);
    const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
    expect(new Set(rows.map((r) => paris.format(r.firedAt)))).toEqual(new Set(['09:00']));
    const days = rows.map((r) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(r.firedAt));
    expect(new Set(days).size).toBe(rows.length);
    await post(`${key}/retire`).expect(200);
  });

  it('replaces the scheduler when a new version is deployed, stops it when the key is retired and starts it again when reactivated', async () => {
    const key = `replaced-${process.pid}`;
    await deploy(key, 'R/PT1H').expect(201);
    const first = await env.client.workflow.getHandle(schedulerId(key)).describe();
    expect(first.status.name).toBe('RUNNING');

    const v2 = await deploy(key, 'R/PT2H');
    expect(v2.body).toMatchObject({ version: 2, startSchedules: [{ startEvent: 'Clock', cycle: 'R/PT2H', workflowId: schedulerId(key) }] });
    const old = await env.client.workflow.getHandle(schedulerId(key), first.runId).describe();
    expect(old.status.name).toBe('TERMINATED');
    const current = await env.client.workflow.getHandle(schedulerId(key)).describe();
    expect([current.runId === first.runId, current.status.name]).toEqual([false, 'RUNNING']);

    await skipTime(env, 2 * HOUR + 60_000);
    expect((await startedAtLeast(key, 1)).map((r) => r.version)).toEqual([2]);

    const retired = await post(`${key}/retire`).expect(200);
    expect(retired.body.stoppedSchedules).toEqual([schedulerId(key)]);
    expect((await env.client.workflow.getHandle(schedulerId(key)).describe()).status.name).toBe('TERMINATED');
    await skipTime(env, 4 * HOUR);
    expect(await started(key)).toHaveLength(1);

    const reactivated = await post(`${key}/reactivate`).expect(200);
    expect(reactivated.body.startSchedules).toEqual([{ startEvent: 'Clock', cycle: 'R/PT2H', workflowId: schedulerId(key) }]);
    expect((await env.client.workflow.getHandle(schedulerId(key)).describe()).status.name).toBe('RUNNING');
    await post(`${key}/retire`).expect(200);
  });

  it('skips the firings already past when it begins (a start date in the past)', async () => {
    const key = `late-${process.pid}`;
    const now = await env.currentTimeMs();
    const from = new Date(Math.floor((now - 90 * 60_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    await deploy(key, `R3/${from}/PT1H`).expect(201);
    // Past the third firing (+30 minutes), by a bounded move of the clock.
    await skipTime(env, HOUR);
    // Two firings were past (-90 and -30 minutes): only the third starts an instance.
    expect((await startedAtLeast(key, 1)).map((r) => r.firedAt)).toEqual([Date.parse(from) + 2 * HOUR]);
    expect(await resultSkippingTime<TimerStartSchedulerResult>(env, schedulerId(key))).toEqual({ fired: 3, ended: 'repetitions' });
  });
});
