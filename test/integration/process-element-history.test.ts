import crypto from 'node:crypto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { createEngineActivities } from '../../activities/process/engine.activities';
import { withTenant } from '../../db/tenant-scope';
import type { ElementInstance } from '../../kernel/process/engine-types';
import type { Plan } from '../../kernel/process/plan';
import { engineWorker } from '../support/engine';
import { buildPlan } from '../support/plans';
import { loginAs, TASK_QUEUE, tenantId, testContext, type TestContext } from '../support/api';
import { until } from '../support/worker-process';

/** A finished instance still says what it did: its element instances, the flows taken, its final variables. */
describe('process element history', () => {
  let t: TestContext;
  let softwhere: string;
  let manager: string;
  let supportN1: string;
  const key = `history-${process.pid}`;

  beforeAll(async () => {
    t = testContext();
    softwhere = await tenantId(t.admin, 'softwhere');
    manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    supportN1 = (await loginAs(t.app, 'support-n1', 'softwhere')).accessToken;
  });
  afterAll(async () => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: unknown = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body as object),
  });

  async function instanceRow(status = 'running'): Promise<{ id: string; workflowId: string }> {
    const businessKey = crypto.randomUUID();
    const workflowId = `${softwhere}/${key}/${businessKey}`;
    const [row] = await t.admin('processInstances').insert({ tenantId: softwhere, workflowId, processKey: key, version: 1, businessKey, status }).returning('id');
    return { id: row.id, workflowId };
  }

  const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s)).toISOString();
  const element = (seq: number, elementId: string, type: string, outcome: ElementInstance['outcome'], takenFlows: string[] = [], extra: Partial<ElementInstance> = {}): ElementInstance => ({
    seq, elementId, name: null, type, scopeId: key, loopCounter: null, startedAt: at(seq), endedAt: outcome === 'active' ? null : at(seq + 1), outcome, takenFlows, ...extra,
  });

  describe('engine activities', () => {
    const activities = () => createEngineActivities({ knex: t.knex, loadPlan: async () => undefined });
    const stored = (instanceId: string) => t.admin('processElementInstances').where({ instanceId }).orderBy('seq');

    it('records the elements of a run that continues as new, once however often it is called', async () => {
      const { id } = await instanceRow();
      const elements = [element(1, 'start', 'startEvent', 'completed', ['f1']), element(2, 'review', 'userTask', 'completed', ['f2'], { name: 'Vérifier', loopCounter: 2 })];
      await activities()['process.recordElements']({ tenantId: softwhere, instanceId: id, elements });
      await activities()['process.recordElements']({ tenantId: softwhere, instanceId: id, elements });
      const rows = await stored(id);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatchObject({ tenantId: softwhere, seq: 2, elementId: 'review', name: 'Vérifier', type: 'userTask', scopeId: key, loopCounter: 2, outcome: 'completed', takenFlows: ['f2'] });
      expect(rows[1].startedAt.toISOString()).toBe(at(2));
      await activities()['process.recordElements']({ tenantId: softwhere, instanceId: id, elements: [] });
      expect(await stored(id)).toHaveLength(2);
    });

    it('finishes with the remaining elements and the final variables in one go; a stale copy never reopens an element', async () => {
      const { id } = await instanceRow();
      await activities()['process.recordElements']({ tenantId: softwhere, instanceId: id, elements: [element(1, 'start', 'startEvent', 'completed', ['f1']), element(2, 'wait', 'intermediateCatchEvent', 'active')] });
      await activities()['process.finishInstance']({
        tenantId: softwhere, instanceId: id, status: 'completed',
        elements: [element(2, 'wait', 'intermediateCatchEvent', 'completed', ['f2']), element(3, 'end', 'endEvent', 'completed')],
        variables: { approved: true, amountCents: 1200 },
      });
      // A retried recordElements from before the end arrives late: the element stays completed.
      await activities()['process.recordElements']({ tenantId: softwhere, instanceId: id, elements: [element(2, 'wait', 'intermediateCatchEvent', 'active')] });
      const rows = await stored(id);
      expect(rows.map((r: { elementId: string; outcome: string }) => [r.elementId, r.outcome])).toEqual([['start', 'completed'], ['wait', 'completed'], ['end', 'completed']]);
      expect(rows[1].takenFlows).toEqual(['f2']);
      const instance = await t.admin('processInstances').where({ id }).first();
      expect(instance).toMatchObject({ status: 'completed', variables: { approved: true, amountCents: 1200 } });
      expect(instance.endedAt).toBeInstanceOf(Date);
    });

    it('keeps the rows to their organisation (row-level security) and drops them with the instance', async () => {
      const { id } = await instanceRow();
      await activities()['process.recordElements']({ tenantId: softwhere, instanceId: id, elements: [element(1, 'start', 'startEvent', 'completed')] });
      const msp = await tenantId(t.admin, 'msp');
      expect(await withTenant({ tenantId: msp }, (trx) => trx('processElementInstances').where({ instanceId: id }), t.knex)).toEqual([]);
      await expect(withTenant({ tenantId: msp }, (trx) => trx('processElementInstances').insert({
        tenantId: softwhere, instanceId: id, seq: 9, elementId: 'x', type: 'task', scopeId: key, startedAt: at(1), outcome: 'active',
      }), t.knex)).rejects.toThrow(/row-level security/);
      await t.admin('processInstances').where({ id }).delete();
      expect(await stored(id)).toEqual([]);
    });
  });

  describe('GET /process-instances/:id of an ended instance (stored rows)', () => {
    it('answers its elements, the flows taken, the counts and its final variables, these only with the field group', async () => {
      const { id } = await instanceRow('completed');
      await t.admin('processInstances').where({ id }).update({ variables: JSON.stringify({ approved: false }), endedAt: new Date() });
      await t.admin('processElementInstances').insert([
        element(1, 'start', 'startEvent', 'completed', ['f1']), element(2, 'review', 'userTask', 'completed', ['f2']),
        element(3, 'review', 'userTask', 'completed', ['f2']), element(4, 'decide', 'exclusiveGateway', 'completed', ['no']),
        element(5, 'end-rejected', 'endEvent', 'completed'),
      ].map((e) => ({ ...e, tenantId: softwhere, instanceId: id })));
      const owner = await as(manager).get(`/api/v1/process-instances/${id}`);
      expect(owner.status).toBe(200);
      expect(owner.body.elements.map((e: ElementInstance) => e.elementId)).toEqual(['start', 'review', 'review', 'decide', 'end-rejected']);
      expect(owner.body.elements[3]).toMatchObject({ seq: 4, type: 'exclusiveGateway', outcome: 'completed', takenFlows: ['no'], startedAt: at(4), endedAt: at(5) });
      expect(owner.body.takenFlows).toEqual(['f1', 'f2', 'no']);
      expect(owner.body.completedElements).toEqual({ start: 1, review: 2, decide: 1, 'end-rejected': 1 });
      expect(owner.body.variables).toEqual({ approved: false });
      const staff = await as(supportN1).get(`/api/v1/process-instances/${id}`);
      expect(staff.status).toBe(200);
      expect(staff.body.variables).toBeUndefined();
      expect(staff.body.elements).toHaveLength(5);
      // The list never carries them (the field group is checked on the instance's own answer).
      const list = await as(manager).get(`/api/v1/process-instances?processKey=${key}&status=completed`);
      expect(list.body.items.find((i: { id: string }) => i.id === id)).not.toHaveProperty('variables');
    });

    it('answers empty lists, never null, for an instance that stored nothing', async () => {
      const { id } = await instanceRow('cancelled');
      const res = await as(manager).get(`/api/v1/process-instances/${id}`);
      expect(res.body).toMatchObject({ elements: [], takenFlows: [], completedElements: {}, variables: null });
    });
  });

  describe('through the real worker', () => {
    let connection: NativeConnection;
    let worker: Worker;
    let running: Promise<void>;
    const plan: Plan = buildPlan(key, [
      { id: 'start', kind: 'startEvent' },
      { id: 'review', kind: 'userTask', name: 'Vérifier la commande', candidateRoles: ['support-n1'], formKey: 'core.approval' },
      { id: 'decide', kind: 'exclusiveGateway', defaultFlow: 'no' },
      { id: 'end-approved', kind: 'endEvent', name: 'Commande acceptée' },
      { id: 'end-rejected', kind: 'endEvent', name: 'Commande refusée' },
    ], [['f1', 'start', 'review'], ['f2', 'review', 'decide'], ['yes', 'decide', 'end-approved', '=approved'], ['no', 'decide', 'end-rejected']]);

    beforeAll(async () => {
      connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
      worker = await engineWorker(connection, TASK_QUEUE, t.knex);
      running = worker.run();
      await t.admin('processDefinitions').insert({
        tenantId: softwhere, key, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
      });
    });
    afterAll(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });

    it('a completed instance says which end event it reached, by which flow, with its final variables', async () => {
      const started = await as(manager).post('/api/v1/process-instances', { processKey: key, businessKey: 'CMD-H1', variables: { orderId: 'CMD-H1' } });
      expect(started.status).toBe(201);
      const task = await until('the review task', async () => {
        const list = await as(supportN1).get(`/api/v1/tasks?candidate=me&processKey=${key}`);
        return list.body.items.find((x: { businessKey: string }) => x.businessKey === 'CMD-H1');
      });
      const live = await as(manager).get(`/api/v1/process-instances/${started.body.id}`);
      expect(live.body.elements).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'review', outcome: 'active', endedAt: null })]));
      expect((await as(supportN1).post(`/api/v1/tasks/${task.id}/complete`, { approved: true, comment: 'OK' })).status).toBe(200);
      const finished = await until('the end of the instance', async () => {
        const res = await as(manager).get(`/api/v1/process-instances/${started.body.id}`);
        return res.body.status === 'completed' ? res.body : undefined;
      });
      const ids = finished.elements.map((e: ElementInstance) => e.elementId);
      expect(ids).toEqual(['start', 'review', 'decide', 'end-approved']);
      expect(ids).not.toContain('end-rejected');
      expect(finished.elements.every((e: ElementInstance) => e.outcome === 'completed' && e.endedAt)).toBe(true);
      expect(finished.elements.find((e: ElementInstance) => e.elementId === 'decide').takenFlows).toEqual(['yes']);
      expect(finished.takenFlows).toEqual(expect.arrayContaining(['f1', 'f2', 'yes']));
      expect(finished.takenFlows).not.toContain('no');
      expect(finished.completedElements).toMatchObject({ 'end-approved': 1, decide: 1 });
      expect(finished.variables).toMatchObject({ orderId: 'CMD-H1', approved: true, comment: 'OK' });
      const staff = await as(supportN1).get(`/api/v1/process-instances/${started.body.id}`);
      expect(staff.body.variables).toBeUndefined();
      expect(staff.body.elements).toHaveLength(4);

      const history = await as(manager).get(`/api/v1/process-instances/${started.body.id}/history`);
      expect(history.status).toBe(200);
      const items: Array<{ type: string; elementId: string | null; phase?: string }> = history.body.items;
      // The task's activity names its element (read from its encrypted input).
      expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Activité process.openTask planifiée', elementId: 'review' })]));
      expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'end-approved', phase: 'completed' })]));
    });
  });
});
