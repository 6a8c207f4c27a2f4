import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { completeTaskUpdate, processMessageSignal, processStateQuery } from '../../workflows/engine/contract';
import type { ProcessResult } from '../../kernel/process/engine-types';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { engineWorker, resultSkippingTime, skipTime, startInstance, timeSkippingEnv } from '../support/engine';
import { buildPlan } from '../support/plans';

/** Timers on Temporal's time-skipping test server: days pass in milliseconds. */
describe('bpmnProcess timers', () => {
  let env: TestWorkflowEnvironment;
  let admin: Knex;
  let knex: Knex;
  let worker: Worker;
  let running: Promise<void>;
  let tenantId: string;
  const taskQueue = `timers-${process.pid}`;

  beforeAll(async () => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 5));
    env = await timeSkippingEnv(knex);
    tenantId = (await admin('tenants').where({ slug: 'epic-events' }).first('id')).id;
    worker = await engineWorker(env.nativeConnection, taskQueue, knex);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await knex?.destroy();
    await admin?.destroy();
  });

  const start = (plan: ReturnType<typeof buildPlan>, variables: Record<string, unknown> = {}) =>
    startInstance(admin, env.client, taskQueue, tenantId, plan, variables);

  async function openTask(instanceId: string) {
    for (let i = 0; i < 100; i++) {
      const row = await admin('tasks').where({ instanceId, status: 'open' }).first();
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no open task');
  }

  it('waits on an intermediate timer whose duration is a process variable', async () => {
    const plan = buildPlan('t-wait', [
      { id: 'start', kind: 'startEvent' },
      { id: 'wait', kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: '=delay' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'wait'], ['f2', 'wait', 'end']]);
    const before = await env.currentTimeMs();
    const { handle } = await start(plan, { delay: 'P14D' });
    expect((await resultSkippingTime<ProcessResult>(env, handle.workflowId)).status).toBe('completed');
    expect(await env.currentTimeMs() - before).toBeGreaterThanOrEqual(14 * 86_400_000);
  });

  it('escalates with a non-interrupting boundary timer while the task stays open, then cancels it with an interrupting one', async () => {
    const plan = buildPlan('t-escalate', [
      { id: 'start', kind: 'startEvent' },
      { id: 'assign', kind: 'userTask', name: 'Désigner le support', candidateRoles: ['management'] },
      { id: 'reminder', kind: 'boundaryEvent', attachedTo: 'assign', cancelActivity: false, trigger: { type: 'timer', duration: 'P1D' } },
      { id: 'escalate', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'escalated' } },
      { id: 'esc-end', kind: 'endEvent' },
      { id: 'deadline', kind: 'boundaryEvent', attachedTo: 'assign', cancelActivity: true, trigger: { type: 'timer', duration: 'P3D' } },
      { id: 'too-late', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'expired' } },
      { id: 'late-end', kind: 'endEvent' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'assign'], ['f2', 'assign', 'end'], ['e1', 'reminder', 'escalate'], ['e2', 'escalate', 'esc-end'], ['d1', 'deadline', 'too-late'], ['d2', 'too-late', 'late-end']]);
    const { handle, instanceId, workflowId } = await start(plan);
    const task = await openTask(instanceId);
    const result = await resultSkippingTime<ProcessResult>(env, handle.workflowId);
    expect(result.status).toBe('completed');
    const labels = (await admin('processJournal').where({ workflowId }).select('label')).map((r: { label: string }) => r.label).sort();
    expect(labels).toEqual(['escalated', 'expired']);
    expect((await admin('tasks').where({ id: task.id }).first('status')).status).toBe('cancelled');
  });

  it('lets the task finish before an interrupting timer fires, and the timer is forgotten', async () => {
    const plan = buildPlan('t-in-time', [
      { id: 'start', kind: 'startEvent' },
      { id: 'do', kind: 'userTask', candidateRoles: ['support'] },
      { id: 'deadline', kind: 'boundaryEvent', attachedTo: 'do', cancelActivity: true, trigger: { type: 'timer', duration: 'PT1H' } },
      { id: 'late', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'late' } },
      { id: 'late-end', kind: 'endEvent' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'do'], ['f2', 'do', 'end'], ['l1', 'deadline', 'late'], ['l2', 'late', 'late-end']]);
    const { handle, instanceId, workflowId } = await start(plan);
    const task = await openTask(instanceId);
    await untilWorkflowLists(handle, { taskId: task.id });
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: '00000000-0000-4000-8000-000000000001', roles: ['support'], data: { done: true } }] });
    expect((await resultSkippingTime<ProcessResult>(env, handle.workflowId)).variables).toMatchObject({ done: true });
    expect(await admin('processJournal').where({ workflowId })).toEqual([]);
  });

  it('takes the first event after an event-based gateway: the message, or the timer when no message comes', async () => {
    const plan = buildPlan('t-race', [
      { id: 'start', kind: 'startEvent' },
      { id: 'race', kind: 'eventBasedGateway' },
      { id: 'paid', kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: 'paid' } },
      { id: 'timeout', kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: 'P30D' } },
      { id: 'remind', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'payment reminder' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'race'], ['g1', 'race', 'paid'], ['g2', 'race', 'timeout'], ['p1', 'paid', 'end'], ['t1', 'timeout', 'remind'], ['t2', 'remind', 'end']]);

    const unpaid = await start(plan);
    await resultSkippingTime(env, unpaid.handle.workflowId);
    expect((await admin('processJournal').where({ workflowId: unpaid.workflowId }).select('label'))).toEqual([{ label: 'payment reminder' }]);

    // The test server skips time only while a client waits for a result: the message goes in before that.
    const paid = await start(plan);
    const businessKey = paid.workflowId.split('/')[2]!;
    await skipTime(env, 1000);
    await paid.handle.signal(processMessageSignal, { name: 'paid', correlationKey: businessKey, variables: { amount: 100 } });
    const result = await resultSkippingTime<ProcessResult>(env, paid.handle.workflowId);
    expect(result.variables).toMatchObject({ amount: 100 });
    expect(await admin('processJournal').where({ workflowId: paid.workflowId })).toEqual([]);
    const state = await paid.handle.query(processStateQuery);
    expect(state.completedElements).toMatchObject({ paid: 1 });
    expect(state.completedElements.timeout).toBeUndefined();
  });
});
