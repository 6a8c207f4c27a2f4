import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { joinWaitingClients } from '../../api/events/lead-to-event.reconciler';
import { runModuleStartHooks } from '../../api/module-start';
import { lazyTemporalClient } from '../../api/server';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { tenantsWithVertical } from '../../db/tenant-scope';
import { LEAD_TO_EVENT } from '../../domain/events/lead-to-event';
import { findModule } from '../../domain/modules/registry';
import { processStateQuery } from '../../workflows/engine/contract';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { until } from '../support/worker-process';

/**
 * Epic Events' demo book is seeded before Temporal is up; when the API starts,
 * its clients join their lead-to-event process where their records stand
 * (the events module's onStart, api/events/lead-to-event.reconciler.ts). The
 * demo is seeded here into a tenant of this file's own, so nothing else
 * running in parallel is joined, and the worker is this file's.
 */
describe('Epic Events clients without a process join it where they stand', () => {
  let t: TestContext;
  let own: OwnTenant;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const clientIds: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    own = await createOwnTenant(t.admin, 'join', ['events']);
    await findModule('events')!.seedDemo!(t.admin, { tenantId: own.tenantId, slug: own.slug, userIds: own.userIds });
    await installShippedProcesses(t.admin, [own.tenantId]);
    for (const c of await t.admin('eventClients').where({ tenantId: own.tenantId }).select('id', 'fullName')) clientIds[c.fullName] = c.id;
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const instances = () => t.admin('processInstances').where({ tenantId: own.tenantId, processKey: LEAD_TO_EVENT }).select('id', 'businessKey', 'status', 'workflowId');
  const stateOf = async (client: string) => (await t.deps.temporal()).workflow.getHandle(`${own.tenantId}/${LEAD_TO_EVENT}/${clientIds[client]}`).query(processStateQuery);
  /** The open lead-to-event tasks a demo user finds in their task list, as "element id @ client". */
  const taskList = async (role: string) => {
    const { accessToken } = await loginAs(t.app, role, own.slug);
    const res = await request(t.app).get(`/api/v1/tasks?candidate=me&processKey=${LEAD_TO_EVENT}`).set('Authorization', `Bearer ${accessToken}`);
    expect(res.status).toBe(200);
    const byClient = Object.fromEntries(Object.entries(clientIds).map(([name, id]) => [id, name]));
    return (res.body.items as Array<{ elementId: string; businessKey: string }>).map((task) => `${task.elementId} @ ${byClient[task.businessKey]}`).sort();
  };
  const untilTasks = (role: string, expected: string[]) => until(`${role}'s tasks ${expected.join(', ')}`, async () => {
    const tasks = await taskList(role);
    return expected.every((e) => tasks.includes(e)) ? tasks : undefined;
  });

  it('starts every demo client that is not done, and each waits where its records stand', async () => {
    expect(await instances()).toEqual([]);
    const { joined } = await joinWaitingClients(t.deps, { tenantIds: [own.tenantId] });
    expect(joined).toBe(5);
    const rows = await instances();
    expect(rows.map((r) => r.businessKey).sort()).toEqual(
      ['Antoine Moreau', 'Camille Durand', 'Jacky Blangier', 'Marion Lebrun', 'Sophie Lefèvre'].map((n) => clientIds[n]).sort(),
    );
    expect(rows.every((r) => r.status === 'running')).toBe(true);

    // Management creates the lead's contract and assigns support to the upcoming event that has none.
    expect(await untilTasks('management', ['AssignSupport @ Jacky Blangier', 'CreateContract @ Antoine Moreau'])).toEqual(['AssignSupport @ Jacky Blangier', 'CreateContract @ Antoine Moreau']);
    // The sales contact has the unsigned contract signed.
    expect(await untilTasks('sales', ['SignContract @ Camille Durand'])).toEqual(['SignContract @ Camille Durand']);
    // The support contact closes the event just over (its reminder and end were in the past: they fired at once).
    expect(await untilTasks('support', ['CloseEvent @ Sophie Lefèvre'])).toEqual(['CloseEvent @ Sophie Lefèvre']);
    const tasks = await t.admin('tasks').where({ tenantId: own.tenantId, status: 'open' }).select('elementId', 'name', 'candidateRoles', 'assignee', 'businessKey');
    const task = (elementId: string) => tasks.find((x) => x.elementId === elementId)!;
    expect(task('CreateContract')).toMatchObject({ name: 'Créer le contrat', candidateRoles: ['management'], businessKey: clientIds['Antoine Moreau'] });
    expect(task('SignContract')).toMatchObject({ name: 'Faire signer le contrat', candidateRoles: ['sales'], assignee: own.userIds.sales });
    expect(task('AssignSupport')).toMatchObject({ name: 'Désigner le support', candidateRoles: ['management'], assignee: null });
    expect(task('CloseEvent')).toMatchObject({ name: 'Clôturer l\'événement', assignee: own.userIds.support });
    expect(tasks).toHaveLength(4);

    // The wedding, 40 days away with its support, waits for the reminder before it (or new dates).
    const wedding = await until('the wedding waiting for its reminder', async () => {
      const state = await stateOf('Marion Lebrun');
      return state.activeElements.includes('WaitBeforeEvent') ? state : undefined;
    });
    expect(wedding.openTasks).toEqual([]);

    // The village fair starts within 14 days without support: management is alerted at once.
    const fair = await t.admin('eventEvents').where({ tenantId: own.tenantId, name: 'Fête de village de Mufflins' }).first('id');
    const alerts = await until('the escalation mail', async () => {
      const rows = await t.admin('messages').where({ tenantId: own.tenantId, recordType: 'event', recordId: fair.id }).where('subject', 'like', 'Escalade%').select('recipient');
      return rows.length ? rows : undefined;
    });
    expect(alerts.map((m) => m.recipient)).toEqual([`management@${own.slug}.demo`]);

    // The gala had its support before it started: it joined with every message at once, so its escalation never fired.
    const gala = await stateOf('Sophie Lefèvre');
    expect(gala.completedElements.SupportAssigned).toBe(1);
    expect(gala.completedElements.NoSupportEscalation).toBeUndefined();
  });

  it('leaves the client whose event is closed (and paid) records only', async () => {
    expect((await instances()).some((r) => r.businessKey === clientIds['Kevin Casey'])).toBe(false);
  });

  it('starts nothing more when it runs again, nor when two replicas run it together', async () => {
    const before = await instances();
    expect(await joinWaitingClients(t.deps, { tenantIds: [own.tenantId] })).toEqual({ joined: 0 });
    expect(await instances()).toEqual(before);

    // A client written without the API, then two API replicas starting at the same time.
    const [lead] = await t.admin('eventClients').insert({ tenantId: own.tenantId, number: 900, fullName: 'Nouveau prospect', salesContactId: own.userIds.sales }).returning('id');
    const both = await Promise.all([joinWaitingClients(t.deps, { tenantIds: [own.tenantId] }), joinWaitingClients(t.deps, { tenantIds: [own.tenantId] })]);
    expect(both.map((r) => r.joined).sort()).toEqual([0, 1]);
    const after = await instances();
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((r) => r.businessKey === lead.id)).toHaveLength(1);
    await until('the new lead\'s task', async () => (await t.admin('tasks').where({ businessKey: lead.id, elementId: 'CreateContract', status: 'open' }).first('id')) ?? undefined);
  });

  it('starts nothing, and lets the API go on, when Temporal cannot be reached at start-up (as api/server.ts runs it)', async () => {
    const [lead] = await t.admin('eventClients').insert({ tenantId: own.tenantId, number: 901, fullName: 'Prospect sans moteur', salesContactId: own.userIds.sales }).returning('id');
    // Every installed module's start-up work, over every organisation with Epic Events: Temporal is down, so none of them is touched.
    const down = lazyTemporalClient('127.0.0.1:1', 'default');
    await expect(runModuleStartHooks({ ...t.deps, temporal: down })).resolves.toBeUndefined();
    expect(await t.admin('processInstances').where({ businessKey: lead.id }).first('id')).toBeUndefined();
    // The organisations with Epic Events are found under the API's own (row-level secured) role.
    expect(await tenantsWithVertical('events', t.knex)).toEqual(expect.arrayContaining([own.tenantId]));
    expect(await tenantsWithVertical('events', t.knex)).not.toContain((await t.admin('tenants').where({ slug: 'softwhere' }).first('id')).id);
  });
});
