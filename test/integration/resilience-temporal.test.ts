import type { ChildProcess } from 'node:child_process';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { lazyTemporalClient } from '../../api/server';
import { knexConfig } from '../../db/knexfile';
import { processDataConverter } from '../../domain/process/payload-codec';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackTwilio, type LoopbackTwilio } from '../support/loopback-twilio';
import { ownTemporal, type OwnTemporal } from '../support/own-services';
import { buildPlan } from '../support/plans';
import { spawnWorker, until } from '../support/worker-process';

/**
 * The Temporal server restarts while instances wait on a timer, on a user
 * task and on an activity in flight (an SMS whose vendor has not answered
 * yet): the API answers 503 for process actions while it is away and serves
 * again by itself, the same worker process reconnects by itself, and every
 * instance completes, its SMS sent once.
 */
const QUEUE = `${TASK_QUEUE}-temporal-restart`;
const PUBLIC_URL = 'https://relais.example.test';

describe('Temporal restarting while instances wait', () => {
  let own: OwnTemporal;
  let t: TestContext;
  let converterKnex: Knex;
  let temporal: ReturnType<typeof lazyTemporalClient>;
  let loop: LoopbackTwilio;
  let tenant: OwnTenant;
  let token: string;
  let worker: ChildProcess;
  const key = (kind: string) => `restart-${kind}-${process.pid}`;

  const api = (method: 'get' | 'post' | 'put', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
  const startInstance = (kind: string, businessKey: string) => api('post', '/api/v1/process-instances').send({ processKey: key(kind), businessKey });
  const statusOf = async (id: string) => (await t.admin('processInstances').where({ id }).first('status')).status as string;

  beforeAll(async () => {
    loop = await startLoopbackTwilio();
    own = await ownTemporal(`temporal-restart-${process.pid}`);
    converterKnex = knexFactory(knexConfig(process.env.DATABASE_URL!, 2));
    temporal = lazyTemporalClient(own.address, 'default', processDataConverter(converterKnex, process.env.RELAIS_SECRET_KEY));
    t = testContext({ taskQueue: QUEUE, temporal });
    tenant = await createOwnTenant(t.admin, 'temporal-restart', ['events']);
    token = (await loginAs(t.app, 'management', tenant.slug)).accessToken;
    expect((await api('put', '/api/v1/comms/settings').send({
      smsProvider: 'twilio', twilioAccountSid: loop.accountSid, twilioAuthToken: loop.authToken, twilioFrom: '06 44 00 00 00', mailProvider: 'sandbox',
    })).status).toBe(200);
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Agence Lorient' }).returning('id');
    const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Yann', lastName: 'Le Gall', mobile: '+33698765432' }).returning('id');

    const plans = {
      // Waits on a timer due while the server is away.
      timer: buildPlan(key('timer'), [
        { id: 'start', kind: 'startEvent' },
        { id: 'wait', kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: 'PT4S' } },
        { id: 'after', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'after' } },
        { id: 'end', kind: 'endEvent' },
      ], [['f1', 'start', 'wait'], ['f2', 'wait', 'after'], ['f3', 'after', 'end']]),
      // Waits on a person.
      task: buildPlan(key('task'), [
        { id: 'start', kind: 'startEvent' },
        { id: 'check', kind: 'userTask', name: 'Vérifier', candidateRoles: ['management'] },
        { id: 'after', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'after' } },
        { id: 'end', kind: 'endEvent' },
      ], [['f1', 'start', 'check'], ['f2', 'check', 'after'], ['f3', 'after', 'end']]),
      // Waits on an activity in flight: the SMS vendor holds its answer across the restart.
      activity: buildPlan(key('activity'), [
        { id: 'start', kind: 'startEvent' },
        { id: 'sms', kind: 'serviceTask', activity: 'comms.sms.send', inputs: { contactId: contact.id, body: 'Votre rendez-vous est confirmé.' } },
        { id: 'after', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'after' } },
        { id: 'end', kind: 'endEvent' },
      ], [['f1', 'start', 'sms'], ['f2', 'sms', 'after'], ['f3', 'after', 'end']]),
    };
    for (const plan of Object.values(plans)) {
      await t.admin('processDefinitions').insert({ tenantId: tenant.tenantId, key: plan.processKey, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date() });
    }
    worker = await spawnWorker({ TEMPORAL_ADDRESS: own.address, TEMPORAL_TASK_QUEUE: QUEUE, TWILIO_API_BASE_URL: loop.url, PUBLIC_URL });
  });

  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await t?.close();
    const client = await temporal?.().catch(() => undefined);
    await client?.connection.close();
    await converterKnex?.destroy();
    await own?.stop();
    await loop?.close();
  });

  it('resumes and completes every instance; the API answers 503 meanwhile and recovers; the worker reconnects by itself', async () => {
    const ids: string[] = [];
    for (const kind of ['timer', 'timer', 'task', 'task', 'activity']) {
      const res = await startInstance(kind, `${kind}-${ids.length}`);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const hold = loop.holdNextCreation();
    await hold.received;
    const tasks = await until('both tasks to be open', async () => {
      const rows = await t.admin('tasks').where({ tenantId: tenant.tenantId, status: 'open' }).select('id');
      return rows.length === 2 ? rows.map((r) => r.id as string) : undefined;
    });

    await own.stop();
    // Process actions are refused with a 503 the person can read; nothing is half done.
    const refused = await startInstance('timer', 'while-down');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({
      type: 'https://relais.dev/problems/engine-unavailable', title: 'Service indisponible', code: 'error.engine-unavailable',
      detail: expect.stringContaining('Le moteur de processus est momentanément injoignable'),
    });
    expect(await t.admin('processInstances').where({ tenantId: tenant.tenantId, businessKey: 'while-down' }).first()).toBeUndefined();
    const completion = await api('post', `/api/v1/tasks/${tasks[0]}/complete`).send({});
    expect(completion.status).toBe(503);
    expect(completion.body.code).toBe('error.engine-unavailable');
    expect((await t.admin('tasks').where({ id: tasks[0] }).first('status')).status).toBe('open');
    expect((await api('get', '/api/v1/health')).body).toMatchObject({ temporal: { status: 'down' } });
    // Long enough for the timers to fall due while the server is away.
    await new Promise((r) => setTimeout(r, 4_000));

    await own.start();
    // The API's client reconnects on its own: the next start goes through.
    const again = await until('the API to start instances again', async () => {
      const res = await startInstance('timer', 'after-restart');
      return res.status === 201 ? res.body.id as string : undefined;
    });
    ids.push(again);
    for (const id of tasks) {
      await until('the task to be completed', async () => ((await api('post', `/api/v1/tasks/${id}/complete`).send({})).status === 200 ? true : undefined));
    }
    hold.release();

    await until('every instance to complete', async () => {
      const statuses = await Promise.all(ids.map(statusOf));
      return statuses.every((s) => s === 'completed') ? true : undefined;
    }, 90_000);
    // The same worker process did it all: it was never restarted.
    expect(worker.exitCode).toBeNull();
    // Each instance went through its last step once, and the SMS was sent once.
    const journal = await t.admin('processJournal as j').join('processInstances as p', 'p.workflowId', 'j.workflowId').whereIn('p.id', ids).select('p.id');
    expect(journal.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(loop.creations()).toHaveLength(1);
  });
});
