import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { cancelProcessSignal, completeTaskUpdate, processMessageSignal, processStateQuery, resolveIncidentUpdate } from '../../workflows/engine/contract';
import type { ProcessResult } from '../../kernel/process/engine-types';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { engineWorker, startInstance, testDataConverter } from '../support/engine';
import { buildPlan } from '../support/plans';

/** The BPMN interpreter on a real Temporal server with the real engine activities and PostgreSQL. */
describe('bpmnProcess interpreter', () => {
  const taskQueue = `engine-${process.pid}`;
  let admin: Knex;
  let knex: Knex;
  let connection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let tenantId: string;
  const plans: Record<string, ReturnType<typeof buildPlan>> = {};

  beforeAll(async () => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 5));
    tenantId = (await admin('tenants').where({ slug: 'softwhere' }).first('id')).id;
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    clientConnection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    // Payloads are encrypted as in production, except when recording replay fixtures (they must replay without this run's keys).
    const dataConverter = process.env.RECORD_HISTORIES === '1' ? {} : testDataConverter(knex);
    client = new Client({ connection: clientConnection, dataConverter });
    worker = await engineWorker(connection, taskQueue, knex, plans, 'default', dataConverter);
    running = worker.run();
  });
  /** Workflow ids whose histories become replay fixtures when RECORD_HISTORIES=1 (see engine-replay.test.ts). */
  const recorded: Array<{ name: string; workflowId: string }> = [];
  afterAll(async () => {
    if (process.env.RECORD_HISTORIES === '1') {
      const dir = path.join(__dirname, '../fixtures/histories');
      fs.mkdirSync(dir, { recursive: true });
      for (const { name, workflowId } of recorded) {
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        // The workflow id (child ids derive from it) and the protobuf history, base64: the exact bytes Temporal stores.
        const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
        fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ workflowId, history: encoded }, null, 1)}\n`);
      }
    }
    worker.shutdown();
    await running;
    await connection.close();
    await clientConnection.close();
    await knex.destroy();
    await admin.destroy();
  });

  const start = async (plan: ReturnType<typeof buildPlan>, variables: Record<string, unknown> = {}, extra = {}) => {
    const started = await startInstance(admin, client, taskQueue, tenantId, plan, variables, extra);
    recorded.push({ name: `${plan.processKey}-${recorded.filter((r) => r.name.startsWith(plan.processKey)).length + 1}`, workflowId: started.workflowId });
    return started;
  };

  async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('runs service tasks, an exclusive gateway on a FEEL condition and a parallel split and join', async () => {
    const plan = buildPlan('p-basic', [
      { id: 'start', kind: 'startEvent' },
      { id: 'echo', kind: 'serviceTask', activity: 'system.echo', inputs: { total: '=amount * 2' }, resultVariable: 'echoed' },
      { id: 'big', kind: 'exclusiveGateway', defaultFlow: 'f-small' },
      { id: 'split', kind: 'parallelGateway' },
      { id: 'a', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'branch a' } },
      { id: 'b', kind: 'serviceTask', activity: 'system.echo', inputs: { x: '=1' }, resultVariable: 'b' },
      { id: 'join', kind: 'parallelGateway' },
      { id: 'small', kind: 'serviceTask', activity: 'system.echo', inputs: { path: 'small' }, resultVariable: 'small' },
      { id: 'end', kind: 'endEvent' },
    ], [
      ['f1', 'start', 'echo'], ['f2', 'echo', 'big'], ['f-big', 'big', 'split', '=echoed.total > 100'], ['f-small', 'big', 'small'],
      ['f3', 'split', 'a'], ['f4', 'split', 'b'], ['f5', 'a', 'join'], ['f6', 'b', 'join'], ['f7', 'join', 'end'], ['f8', 'small', 'end'],
    ]);
    const big = await start(plan, { amount: 60 });
    const result = await big.handle.result() as ProcessResult;
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ amount: 60, echoed: { total: 120 }, b: { x: 1 } });
    expect(result.variables.small).toBeUndefined();
    expect(await admin('processJournal').where({ workflowId: big.workflowId }).select('label')).toEqual([{ label: 'branch a' }]);
    expect((await admin('processInstances').where({ id: big.instanceId }).first('status')).status).toBe('completed');

    const small = await start(plan, { amount: 10 });
    const smallResult = await small.handle.result() as ProcessResult;
    expect(smallResult.variables).toMatchObject({ small: { path: 'small' } });
    expect(smallResult.variables.b).toBeUndefined();
  });

  it('opens a user task, refuses the wrong role and a second completion, and continues with the form data', async () => {
    const plan = buildPlan('p-task', [
      { id: 'start', kind: 'startEvent' },
      { id: 'approve', kind: 'userTask', name: 'Valider', candidateRoles: ['manager'], formKey: 'core.approval', priority: '=80' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'approve'], ['f2', 'approve', 'end']]);
    const { handle, instanceId } = await start(plan);
    const task = await until(async () => admin('tasks').where({ instanceId, status: 'open' }).first(), 'the task row');
    expect(task).toMatchObject({ elementId: 'approve', name: 'Valider', candidateRoles: ['manager'], formKey: 'core.approval', priority: 80 });
    const state = await handle.query(processStateQuery);
    expect(state.openTasks.map((t) => t.taskId)).toEqual([task.id]);

    await expect(handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: crypto.randomUUID(), roles: ['sales'], data: { approved: true } }] }))
      .rejects.toThrow(WorkflowUpdateFailedError);
    const userId = crypto.randomUUID();
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId, roles: ['manager'], data: { approved: true, comment: 'ok' } }] });
    await expect(handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId, roles: ['manager'], data: { approved: false } }] }))
      .rejects.toThrow(WorkflowUpdateFailedError);
    const result = await handle.result() as ProcessResult;
    expect(result.variables).toMatchObject({ approved: true, comment: 'ok' });
    expect(await admin('tasks').where({ id: task.id }).first('status', 'completedBy')).toEqual({ status: 'completed', completedBy: userId });
  });

  it('turns a failing activity and a FEEL error into incidents that an operator retries or skips', async () => {
    const plan = buildPlan('p-incident', [
      { id: 'start', kind: 'startEvent' },
      { id: 'broken', kind: 'serviceTask', activity: 'no.such.activity', retry: { maximumAttempts: 1, initialIntervalMs: 100, backoffCoefficient: 1, maximumIntervalMs: 100 } },
      { id: 'route', kind: 'exclusiveGateway' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'broken'], ['f2', 'broken', 'route'], ['f3', 'route', 'end', '=level > 3'], ['f4', 'route', 'end', '=level <= 3']]);
    const { handle, instanceId } = await start(plan, {});
    const first = await until(async () => admin('processIncidents').where({ instanceId, status: 'open' }).first(), 'the activity incident');
    expect(first.elementId).toBe('broken');
    expect(first.message).toMatch(/no\.such\.activity/);
    expect((await admin('processInstances').where({ id: instanceId }).first('status')).status).toBe('incident');
    expect((await handle.query(processStateQuery)).incidents.map((i) => i.elementId)).toEqual(['broken']);
    await untilWorkflowLists(handle, { incidentId: first.id });
    await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: first.id, action: 'skip' }] });

    const second = await until(async () => admin('processIncidents').where({ instanceId, status: 'open', elementId: 'route' }).first(), 'the gateway incident');
    expect(second.elementId).toBe('route');
    // Retrying with corrected variables lets the process go on.
    await untilWorkflowLists(handle, { incidentId: second.id });
    await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: second.id, action: 'retry', variables: { level: 5 } }] });
    const result = await handle.result() as ProcessResult;
    expect(result.status).toBe('completed');
    expect((await admin('processInstances').where({ id: instanceId }).first('status')).status).toBe('completed');
  });

  it('waits for a message correlated by business key, and buffers one that arrives early', async () => {
    const plan = buildPlan('p-message', [
      { id: 'start', kind: 'startEvent' },
      { id: 'signed', kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: 'contract-signed' } },
      { id: 'paid', kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: 'paid', correlationKey: '=invoice' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'signed'], ['f2', 'signed', 'paid'], ['f3', 'paid', 'end']]);
    const { handle, workflowId } = await start(plan, { invoice: 'F-2026-0001' });
    const businessKey = workflowId.split('/')[2]!;
    await until(async () => admin('messageSubscriptions').where({ workflowId, messageName: 'contract-signed' }).first(), 'the subscription');
    // The payment arrives before the process waits for it.
    await handle.signal(processMessageSignal, { name: 'paid', correlationKey: 'F-2026-0001', variables: { paidAt: '2026-11-23' } });
    await handle.signal(processMessageSignal, { name: 'contract-signed', correlationKey: 'another-key' });
    await handle.signal(processMessageSignal, { name: 'contract-signed', correlationKey: businessKey, variables: { signedBy: 'Kevin' } });
    const result = await handle.result() as ProcessResult;
    expect(result.variables).toMatchObject({ signedBy: 'Kevin', paidAt: '2026-11-23' });
    expect(await admin('messageSubscriptions').where({ workflowId })).toEqual([]);
  });

  it('catches an error end event of a sub-process with a boundary error event', async () => {
    const plan = buildPlan('p-sub', [
      { id: 'start', kind: 'startEvent' },
      { id: 'sub', kind: 'subProcess', scopeId: 'sub' },
      { id: 'sub-start', kind: 'startEvent', scope: 'sub' },
      { id: 'check', kind: 'exclusiveGateway', scope: 'sub', defaultFlow: 's-ok' },
      { id: 'sub-fail', kind: 'endEvent', scope: 'sub', trigger: { type: 'error', errorCode: 'NO_STOCK' } },
      { id: 'sub-end', kind: 'endEvent', scope: 'sub' },
      { id: 'on-error', kind: 'boundaryEvent', attachedTo: 'sub', cancelActivity: true, trigger: { type: 'error', errorCode: 'NO_STOCK' } },
      { id: 'handle', kind: 'serviceTask', activity: 'system.echo', inputs: { handled: '=true' }, resultVariable: 'handled' },
      { id: 'end', kind: 'endEvent' },
      { id: 'end-error', kind: 'endEvent' },
    ], [
      ['f1', 'start', 'sub'], ['f2', 'sub', 'end'], ['s1', 'sub-start', 'check'], ['s-fail', 'check', 'sub-fail', '=stock = 0'], ['s-ok', 'check', 'sub-end'],
      ['f3', 'on-error', 'handle'], ['f4', 'handle', 'end-error'],
    ]);
    const failing = await (await start(plan, { stock: 0 })).handle.result() as ProcessResult;
    expect(failing.variables).toMatchObject({ handled: { handled: true } });
    const fine = await start(plan, { stock: 3 });
    const fineResult = await fine.handle.result() as ProcessResult;
    expect(fineResult.variables.handled).toBeUndefined();
    const state = await fine.handle.query(processStateQuery);
    expect(state.completedElements).toMatchObject({ sub: 1, 'sub-end': 1, end: 1 });
  });

  it('runs multi-instance tasks in parallel and in sequence, collecting their outputs', async () => {
    const plan = buildPlan('p-multi', [
      { id: 'start', kind: 'startEvent' },
      {
        id: 'each', kind: 'serviceTask', activity: 'system.echo', inputs: { name: '=site', n: '=loopCounter' }, resultVariable: 'echo',
        multiInstance: { sequential: false, collection: '=sites', elementVariable: 'site', outputCollection: 'echoes', outputElement: '=echo.name' },
      },
      {
        id: 'seq', kind: 'serviceTask', activity: 'system.record', inputs: { label: '=site' },
        multiInstance: { sequential: true, collection: '=sites', elementVariable: 'site' },
      },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'each'], ['f2', 'each', 'seq'], ['f3', 'seq', 'end']]);
    const { handle, workflowId } = await start(plan, { sites: ['Vannes', 'Auray', 'Ploërmel'] });
    const result = await handle.result() as ProcessResult;
    expect(result.variables.echoes).toEqual(['Vannes', 'Auray', 'Ploërmel']);
    expect(result.variables.echo).toBeUndefined();
    const recorded = await admin('processJournal').where({ workflowId }).orderBy('createdAt').select('label');
    expect(recorded.map((r: { label: string }) => r.label)).toEqual(['Vannes', 'Auray', 'Ploërmel']);
  });

  it('follows every inclusive branch whose condition holds and joins exactly those', async () => {
    const plan = buildPlan('p-inclusive', [
      { id: 'start', kind: 'startEvent' },
      { id: 'split', kind: 'inclusiveGateway', defaultFlow: 'none' },
      { id: 'sms', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'sms' } },
      { id: 'mail', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'mail' } },
      { id: 'letter', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'letter' } },
      { id: 'join', kind: 'inclusiveGateway' },
      { id: 'after', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'after' } },
      { id: 'end', kind: 'endEvent' },
    ], [
      ['f1', 'start', 'split'], ['c-sms', 'split', 'sms', '=list contains(channels, "sms")'], ['c-mail', 'split', 'mail', '=list contains(channels, "mail")'],
      ['none', 'split', 'letter'], ['j1', 'sms', 'join'], ['j2', 'mail', 'join'], ['j3', 'letter', 'join'], ['f2', 'join', 'after'], ['f3', 'after', 'end'],
    ]);
    const both = await start(plan, { channels: ['sms', 'mail'] });
    await both.handle.result();
    const labels = (await admin('processJournal').where({ workflowId: both.workflowId }).select('label')).map((r: { label: string }) => r.label).sort();
    expect(labels).toEqual(['after', 'mail', 'sms']);
    const neither = await start(plan, { channels: [] });
    await neither.handle.result();
    const fallback = (await admin('processJournal').where({ workflowId: neither.workflowId }).select('label')).map((r: { label: string }) => r.label).sort();
    expect(fallback).toEqual(['after', 'letter']);
  });

  it('runs a called process as a child workflow and brings its variables back', async () => {
    plans['p-child'] = buildPlan('p-child', [
      { id: 'c-start', kind: 'startEvent' },
      { id: 'c-work', kind: 'serviceTask', activity: 'system.echo', inputs: { doubled: '=n * 2' }, resultVariable: 'child' },
      { id: 'c-end', kind: 'endEvent' },
    ], [['c1', 'c-start', 'c-work'], ['c2', 'c-work', 'c-end']]);
    const plan = buildPlan('p-parent', [
      { id: 'start', kind: 'startEvent' },
      { id: 'call', kind: 'callActivity', calledProcessKey: 'p-child', inputs: { n: '=count' }, outputs: { fromChild: '=child.doubled' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'call'], ['f2', 'call', 'end']]);
    const { handle, workflowId } = await start(plan, { count: 21 });
    const result = await handle.result() as ProcessResult;
    expect(result.variables).toMatchObject({ count: 21, fromChild: 42 });
    expect(result.variables.child).toBeUndefined();
    const child = await admin('processInstances').where({ workflowId: `${workflowId}/call/1` }).first('status', 'processKey');
    expect(child).toEqual({ status: 'completed', processKey: 'p-child' });
  });

  it('cancels with a reason: open tasks are cancelled and the instance says why', async () => {
    const plan = buildPlan('p-cancel', [
      { id: 'start', kind: 'startEvent' },
      { id: 'wait', kind: 'userTask', candidateRoles: ['manager'] },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'wait'], ['f2', 'wait', 'end']]);
    const { handle, instanceId } = await start(plan);
    await until(async () => admin('tasks').where({ instanceId, status: 'open' }).first(), 'the task');
    await handle.signal(cancelProcessSignal, { reason: 'Client a renoncé', userId: null });
    expect((await handle.result() as ProcessResult).status).toBe('cancelled');
    expect(await admin('processInstances').where({ id: instanceId }).first('status', 'cancelReason')).toEqual({ status: 'cancelled', cancelReason: 'Client a renoncé' });
    expect((await admin('tasks').where({ instanceId }).first('status')).status).toBe('cancelled');
  });

  it('continues as new in a long loop and keeps counting where it was', async () => {
    const plan = buildPlan('p-loop', [
      { id: 'start', kind: 'startEvent' },
      { id: 'step', kind: 'serviceTask', activity: 'system.echo', inputs: { i: '=i + 1' }, resultVariable: 'r', outputs: { i: '=r.i' } },
      { id: 'more', kind: 'exclusiveGateway', defaultFlow: 'done' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'step'], ['f2', 'step', 'more'], ['again', 'more', 'step', '=i < 25'], ['done', 'more', 'end']]);
    const { handle } = await start(plan, { i: 0 }, { maxStepsPerRun: 10 });
    const result = await handle.result() as ProcessResult;
    expect(result.variables.i).toBe(25);
    const description = await handle.describe();
    // The run that finished is not the first one.
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
  });

  it('stops every token at a terminate end event', async () => {
    const plan = buildPlan('p-terminate', [
      { id: 'start', kind: 'startEvent' },
      { id: 'split', kind: 'parallelGateway' },
      { id: 'forever', kind: 'userTask', candidateRoles: ['manager'] },
      { id: 'stop', kind: 'endEvent', trigger: { type: 'terminate' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'split'], ['f2', 'split', 'forever'], ['f3', 'split', 'stop'], ['f4', 'forever', 'end']]);
    const { handle, instanceId } = await start(plan);
    expect((await handle.result() as ProcessResult).status).toBe('completed');
    const tasks = await admin('tasks').where({ instanceId }).select('status');
    expect(tasks.every((t: { status: string }) => t.status === 'cancelled')).toBe(true);
  });
});
