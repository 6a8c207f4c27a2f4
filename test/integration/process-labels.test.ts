import request from 'supertest';
import { LEAD_TO_EVENT } from '../../domain/events/lead-to-event';
import { buildPlan } from '../support/plans';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

/**
 * What people read instead of ids: every task and instance carries the process's title (its BPMN
 * name) and the business label its module registers (« Mariage … — contrat n° 12 »), the task list
 * counts its tabs, names assignees, and an instance tells its business history.
 * The instances here are written as the engine leaves them (ended), so no workflow runs.
 */
describe('process titles, business labels, task counts and business history', () => {
  let t: TestContext;
  let epic: string;
  let soft: string;
  const pid = process.pid;

  beforeAll(async () => {
    t = testContext();
    epic = await tenantId(t.admin, 'epic-events');
    soft = await tenantId(t.admin, 'softwhere');
  });
  afterAll(async () => t?.close());

  const as = (token: string, language = 'fr-FR') => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', language),
    post: (url: string) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', language).send({}),
  });

  async function instance(tenant: string, processKey: string, version: number, businessKey: string, variables: Record<string, unknown> | null = null) {
    const [row] = await t.admin('processInstances').insert({
      tenantId: tenant, workflowId: `${tenant}/${processKey}/${businessKey}`, processKey, version, businessKey, status: 'completed', endedAt: new Date(),
      variables: variables ? JSON.stringify(variables) : null,
    }).returning('id');
    return row.id as string;
  }

  async function task(tenant: string, instanceId: string, processKey: string, businessKey: string, fields: Record<string, unknown>) {
    const [row] = await t.admin('tasks').insert({
      tenantId: tenant, instanceId, workflowId: `${tenant}/${processKey}/${businessKey}`, processKey, businessKey, taskKey: `${fields.elementId}/${Math.random()}`, ...fields,
    }).returning('id');
    return row.id as string;
  }

  it('labels an Epic Events lead-to-event instance and its task with the event and the contract number, in one language or the other', async () => {
    const sales = await userId(t.admin, 'sales', 'epic-events');
    const [client] = await t.admin('eventClients').insert({ tenantId: epic, number: 80_000 + (pid % 10_000), fullName: `Marion Étiquette ${pid}`, salesContactId: sales }).returning('id');
    const [contract] = await t.admin('eventContracts').insert({
      tenantId: epic, number: 70_000 + (pid % 10_000), clientId: client.id, totalAmountCents: 100_000, amountDueCents: 100_000,
    }).returning(['id', 'number']);
    const { version } = await t.admin('processDefinitions').where({ tenantId: epic, key: LEAD_TO_EVENT, status: 'deployed' }).orderBy('version', 'desc').first('version');
    const instanceId = await instance(epic, LEAD_TO_EVENT, version, client.id, { contractId: contract.id, clientId: client.id });
    const taskId = await task(epic, instanceId, LEAD_TO_EVENT, client.id, { elementId: 'AssignSupport', name: 'Désigner le support', candidateRoles: ['management'] });
    const management = (await loginAs(t.app, 'management', 'epic-events')).accessToken;

    const beforeEvent = `Marion Étiquette ${pid} — contrat n° ${contract.number}`;
    const listed = await as(management).get(`/api/v1/process-instances?status=completed&businessKey=${client.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: instanceId, title: "Epic Events : du prospect à l'événement", label: beforeEvent })]);

    await t.admin('eventEvents').insert({
      tenantId: epic, number: 60_000 + (pid % 10_000), name: `Mariage Étiquette ${pid}`, contractId: contract.id,
      startsAt: new Date(Date.now() + 40 * 86_400_000), endsAt: new Date(Date.now() + 41 * 86_400_000),
    });
    const label = `Mariage Étiquette ${pid} — contrat n° ${contract.number}`;
    const detail = await as(management).get(`/api/v1/process-instances/${instanceId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ title: "Epic Events : du prospect à l'événement", label, businessKey: client.id });

    const tasks = await as(management).get('/api/v1/tasks?candidate=me');
    expect(tasks.body.items.find((x: { id: string }) => x.id === taskId)).toMatchObject({ title: "Epic Events : du prospect à l'événement", label });
    expect((await as(management).get(`/api/v1/tasks/${taskId}`)).body).toMatchObject({ label, form: null });
    const english = await as(management, 'en-GB').get(`/api/v1/tasks/${taskId}`);
    expect(english.body.label).toBe(`Mariage Étiquette ${pid} — contract no. ${contract.number}`);
    // Claiming answers the task as the list shows it: labelled, and named after whoever holds it.
    const claimed = await as(management).post(`/api/v1/tasks/${taskId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ label, assigneeName: expect.any(String) });
  });

  it('falls back to the definition name and the business key, counts the tabs, and names the assignee only for those who may name colleagues', async () => {
    const key = `labels-${pid}`;
    const plan = buildPlan(key, [
      { id: 'start', kind: 'startEvent', name: 'Commande reçue' },
      { id: 'review', kind: 'userTask', name: 'Vérifier la commande', candidateRoles: ['support-n1'] },
      { id: 'decide', kind: 'exclusiveGateway', name: 'Acceptée ?', defaultFlow: 'no' },
      { id: 'end-yes', kind: 'endEvent', name: 'Commande acceptée' },
      { id: 'end-no', kind: 'endEvent', name: 'Commande refusée' },
    ], [['f1', 'start', 'review'], ['f2', 'review', 'decide'], ['yes', 'decide', 'end-yes', '=approved'], ['no', 'decide', 'end-no']]);
    plan.flows.yes!.name = 'Acceptée';
    await t.admin('processDefinitions').insert({
      tenantId: soft, key, version: 1, status: 'deployed', name: 'Validation de commande', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
    });
    const supportN1 = await userId(t.admin, 'support-n1', 'softwhere');
    const instanceId = await instance(soft, key, 1, `CMD-${pid}`);
    const offered = await task(soft, instanceId, key, `CMD-${pid}`, { elementId: 'review', name: 'Vérifier la commande', candidateRoles: ['support-n1'] });
    const held = await task(soft, instanceId, key, `CMD-${pid}`, { elementId: 'review', name: 'Vérifier la commande', candidateRoles: ['support-n1'], assignee: supportN1 });
    const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes));
    const done = await task(soft, instanceId, key, `CMD-${pid}`, {
      elementId: 'review', name: 'Vérifier la commande', candidateRoles: ['support-n1'], status: 'completed', completedBy: supportN1, completedAt: at(5), createdAt: at(1),
    });
    const element = (seq: number, elementId: string, name: string, type: string, takenFlows: string[] = []) => ({
      tenantId: soft, instanceId, seq, elementId, name, type, scopeId: key, startedAt: at(seq), endedAt: at(seq + 4), outcome: 'completed', takenFlows,
    });
    await t.admin('processElementInstances').insert([
      element(1, 'start', 'Commande reçue', 'startEvent', ['f1']), element(2, 'review', 'Vérifier la commande', 'userTask', ['f2']),
      element(3, 'decide', 'Acceptée ?', 'exclusiveGateway', ['yes']), element(4, 'end-yes', 'Commande acceptée', 'endEvent'),
    ]);

    const n1 = (await loginAs(t.app, 'support-n1', 'softwhere')).accessToken;
    const manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    const mine = await as(n1).get(`/api/v1/tasks?candidate=me&processKey=${key}`);
    expect(mine.body.items.map((x: { id: string }) => x.id).sort()).toEqual([offered, held].sort());
    expect(mine.body.items[0]).toMatchObject({ title: 'Validation de commande', label: `CMD-${pid}` });
    expect((await as(n1).get(`/api/v1/tasks/counts?processKey=${key}`)).body).toEqual({ todo: 2, mine: 1 });
    // support-n1 may not read users: its own task carries no name (the UI says « Moi »).
    expect(mine.body.items.find((x: { id: string }) => x.id === held).assigneeName).toBeNull();

    expect((await as(manager).get(`/api/v1/tasks/counts?processKey=${key}`)).body).toEqual({ todo: 0, mine: 0, all: 2 });
    const all = await as(manager).get(`/api/v1/tasks?processKey=${key}`);
    const displayName = (await t.admin('users').where({ id: supportN1 }).first('displayName')).displayName;
    expect(all.body.items.find((x: { id: string }) => x.id === held).assigneeName).toBe(displayName);
    expect((await as(manager).get('/api/v1/tasks/counts?processKey=x'.repeat(40))).status).toBe(400);

    const detail = await as(manager).get(`/api/v1/process-instances/${instanceId}`);
    expect(detail.body).toMatchObject({ title: 'Validation de commande', label: `CMD-${pid}` });
    expect(detail.body.steps.map((s: { elementId: string }) => s.elementId)).toEqual(['start', 'review', 'decide', 'end-yes']);
    expect(detail.body.steps[1]).toMatchObject({ name: 'Vérifier la commande', completedBy: supportN1, completedByName: displayName });
    expect(detail.body.steps[2].branches).toEqual([
      { flowId: 'yes', name: 'Acceptée', condition: '=approved', isDefault: false, targetId: 'end-yes', targetName: 'Commande acceptée' },
    ]);
    expect(done).toBeDefined();
  });
});
