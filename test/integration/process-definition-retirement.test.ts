import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { latestDeployedPlan } from '../../worker/create-worker';
import { startInstance, testDataConverter, workflowBundle } from '../support/engine';
import { buildPlan } from '../support/plans';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';
import type { Plan } from '../../kernel/process/plan';

const orderApproval = fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn/order-approval.bpmn'), 'utf8');
const withKey = (key: string) => orderApproval.replaceAll('id="order-approval"', `id="${key}"`).replaceAll('bpmnElement="order-approval"', `bpmnElement="${key}"`);
const timerXml = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:relais="http://relais.dev/schema/bpmn/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="http://relais.dev/bpmn">
  <bpmn:process id="${key}" name="Contrôle" isExecutable="true">
    <bpmn:startEvent id="Clock"><bpmn:outgoing>F1</bpmn:outgoing>
      <bpmn:timerEventDefinition id="T"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Clock" targetRef="End" />
    <bpmn:endEvent id="End"><bpmn:incoming>F1</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

/** Deleting drafts, and retiring a process key: it starts nothing new (API, message, timer, call activity) while its running instances continue. */
describe('retiring and deleting process definitions', () => {
  let t: TestContext;
  let own: OwnTenant;
  let other: OwnTenant;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'retire');
    other = await createOwnTenant(t.admin, 'retire-other');
    for (const role of ['direction', 'sales']) token[role] = (await loginAs(t.app, role, own.slug)).accessToken;
    token.stranger = (await loginAs(t.app, 'direction', other.slug)).accessToken;
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    // The product's loadPlan: call activities read the definitions table (and refuse retired keys).
    worker = await Worker.create({
      connection, taskQueue: TASK_QUEUE, workflowBundle: await workflowBundle(), dataConverter: testDataConverter(t.knex),
      activities: createActivities({ knex: t.knex, loadPlan: latestDeployedPlan }),
    });
    running = worker.run();
    client = await t.deps.temporal();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const api = (who: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token[who]}`),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token[who]}`).send(body),
    del: (url: string) => request(t.app).delete(url).set('Authorization', `Bearer ${token[who]}`),
    xml: (xml: string, deploy = true) => request(t.app).post(`/api/v1/process-definitions?deploy=${deploy}`).set('Authorization', `Bearer ${token[who]}`).set('Content-Type', 'application/xml').send(xml),
  });
  const defs = '/api/v1/process-definitions';
  const insertPlan = async (plan: Plan) => t.admin('processDefinitions').insert({
    tenantId: own.tenantId, key: plan.processKey, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
  });

  it('deletes a draft, but never a deployed version (409 says to retire)', async () => {
    const key = 'draft-only';
    expect((await api('direction').xml(withKey(key), false)).status).toBe(201);
    expect((await api('sales').del(`${defs}/${key}/draft`)).status).toBe(403);
    expect((await api('stranger').del(`${defs}/${key}/draft`)).status).toBe(404);
    expect((await api('direction').del(`${defs}/${key}/draft`)).status).toBe(204);
    expect(await t.admin('processDefinitions').where({ tenantId: own.tenantId, key })).toHaveLength(0);
    const again = await api('direction').del(`${defs}/${key}/draft`);
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toMatch(/problem\+json/);

    expect((await api('direction').xml(withKey(key))).status).toBe(201);
    const refused = await api('direction').del(`${defs}/${key}/versions/1`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'definitions.version-kept', detail: expect.stringMatching(/est déployée.*Retirez plutôt le processus.*\/retire/s) });
    expect(await t.admin('processDefinitions').where({ tenantId: own.tenantId, key, version: 1 })).toHaveLength(1);
  });

  it('a retired key starts no new instance (409), its running instance continues, and reactivating lets it start again', async () => {
    const key = 'retire-me';
    expect((await api('direction').xml(withKey(key))).status).toBe(201);
    const before = await api('direction').post('/api/v1/process-instances', { processKey: key, businessKey: 'CMD-1' });
    expect(before.status).toBe(201);

    expect((await api('sales').post(`${defs}/${key}/retire`)).status).toBe(403);
    expect((await api('stranger').post(`${defs}/${key}/retire`)).status).toBe(404);
    const retired = await api('direction').post(`${defs}/${key}/retire`);
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ key, retired: true, retiredAt: expect.any(String), retiredBy: own.userIds.direction });
    const list = await api('direction').get(defs);
    expect(list.body.items.find((i: { key: string }) => i.key === key)).toMatchObject({ retiredAt: retired.body.retiredAt, retiredBy: own.userIds.direction });

    const refused = await api('direction').post('/api/v1/process-instances', { processKey: key, businessKey: 'CMD-2' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'definitions.retired', params: { key, doing: 'start' } });
    expect(refused.body.detail).toMatch(new RegExp(`Le processus « ${key} » a été retiré le .*réactivez-le d'abord`));
    expect(await t.admin('processInstances').where({ tenantId: own.tenantId, processKey: key, businessKey: 'CMD-2' })).toHaveLength(0);
    const deployAgain = await api('direction').xml(withKey(key));
    expect(deployAgain.status).toBe(409);
    expect(deployAgain.body.detail).toMatch(/Aucune nouvelle version ne peut être déployée tant qu'il est retiré/);

    // The instance started before goes on.
    expect((await client.workflow.getHandle(before.body.workflowId).describe()).status.name).toBe('RUNNING');
    expect((await api('direction').get(`/api/v1/process-instances/${before.body.id}`)).body.status).toBe('running');

    const back = await api('direction').post(`${defs}/${key}/reactivate`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ key, retired: false, retiredAt: null });
    expect((await api('direction').post('/api/v1/process-instances', { processKey: key, businessKey: 'CMD-2' })).status).toBe(201);
    await client.workflow.getHandle(before.body.workflowId).terminate('test over');
  });

  it('a retired key starts on no message and its pending timer start is taken back (and given back on reactivation)', async () => {
    const messageKey = 'starts-on-message';
    await insertPlan(buildPlan(messageKey, [
      { id: 'received', kind: 'startEvent', trigger: { type: 'message', messageName: 'order-in' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'received', 'end']]));
    expect((await api('direction').post(`${defs}/${messageKey}/retire`)).status).toBe(200);
    const sent = await api('direction').post('/api/v1/process-messages', { name: 'order-in', correlationKey: 'WEB-1' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ delivered: false, buffered: true });
    expect(await t.admin('processInstances').where({ tenantId: own.tenantId, processKey: messageKey })).toHaveLength(0);

    const timerKey = 'starts-on-timer';
    const deployed = await api('direction').xml(timerXml(timerKey));
    expect(deployed.body.scheduledStarts).toEqual([{ businessKey: 'timer:Clock:v1', startsAt: expect.any(String) }]);
    const retired = await api('direction').post(`${defs}/${timerKey}/retire`);
    expect(retired.body.cancelledTimerStarts).toEqual(['timer:Clock:v1']);
    const row = await t.admin('processInstances').where({ tenantId: own.tenantId, processKey: timerKey }).first();
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'Process retired before its timer fired' });
    expect((await client.workflow.getHandle(row.workflowId).describe()).status.name).toBe('TERMINATED');

    const back = await api('direction').post(`${defs}/${timerKey}/reactivate`);
    expect(back.body.scheduledStarts).toEqual([{ businessKey: 'timer:Clock:v1', startsAt: expect.any(String) }]);
    expect((await t.admin('processInstances').where({ id: row.id }).first()).status).toBe('running');
    await client.workflow.getHandle(row.workflowId).terminate('test over');
  });

  it('a call activity to a retired key opens an incident that says so', async () => {
    const childKey = 'retired-child';
    await insertPlan(buildPlan(childKey, [{ id: 's', kind: 'startEvent' }, { id: 'e', kind: 'endEvent' }], [['f', 's', 'e']]));
    expect((await api('direction').post(`${defs}/${childKey}/retire`)).status).toBe(200);
    const parent = buildPlan('calls-retired', [
      { id: 'start', kind: 'startEvent' },
      { id: 'call', kind: 'callActivity', calledProcessKey: childKey },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'call'], ['f2', 'call', 'end']]);
    const { workflowId, handle } = await startInstance(t.admin, client, TASK_QUEUE, own.tenantId, parent);
    let incident: { elementId: string; message: string } | undefined;
    for (let i = 0; i < 300 && !incident; i++) {
      incident = await t.admin('processIncidents').where({ workflowId }).first('elementId', 'message');
      if (!incident) await new Promise((r) => setTimeout(r, 100));
    }
    expect(incident).toMatchObject({ elementId: 'call' });
    expect(incident!.message).toMatch(new RegExp(`"${childKey}" was retired on .*Reactivate it`));
    await handle.terminate('test over');
  });
});
