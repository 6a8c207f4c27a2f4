import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { knexConfig } from '../../db/knexfile';
import { completeTaskUpdate, processStateQuery } from '../../workflows/engine/contract';
import type { ElementInstance, ProcessResult } from '../../kernel/process/engine-types';
import type { Plan } from '../../kernel/process/plan';
import { engineWorker, startInstance, testDataConverter } from './engine';
import { recordingHistories, saveHistoryFixture } from './history-fixtures';

/**
 * A file's engine under test: the real worker (bundled interpreter, engine
 * activities on PostgreSQL) on the real Temporal server, with helpers to start
 * instances, wait for rows and finish user tasks. Call it at the top of a describe.
 */
export function engineHarness(name: string) {
  const taskQueue = `${name}-${process.pid}`;
  const plans: Record<string, Plan> = {};
  const recorded: Array<{ name: string; workflowId: string }> = [];
  const h = {
    admin: undefined as unknown as Knex,
    knex: undefined as unknown as Knex,
    client: undefined as unknown as Client,
    tenantId: '',
    plans,
    async start(plan: Plan, variables: Record<string, unknown> = {}, extra = {}) {
      return startInstance(h.admin, h.client, taskQueue, h.tenantId, plan, variables, extra);
    },
    async until<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
      for (let i = 0; i < 300; i++) {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false) return value as T;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}`);
    },
    /** Completes the open task of an element as a user of the role, once the workflow lists it. */
    async complete(workflowId: string, elementId: string, data: Record<string, unknown> = {}, roles = ['manager']) {
      const task = await h.until(() => h.admin('tasks').where({ workflowId, elementId, status: 'open' }).first(), `the task ${elementId}`);
      const handle = h.client.workflow.getHandle(workflowId);
      await untilWorkflowLists(handle, { taskId: task.id });
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: '00000000-0000-4000-8000-000000000001', roles, data }] });
      return task;
    },
    async state(workflowId: string) {
      return h.client.workflow.getHandle(workflowId).query(processStateQuery);
    },
    /** The element ids in order of start, with their outcome when it is not "completed". */
    async path(workflowId: string): Promise<string[]> {
      const elements: ElementInstance[] = (await h.state(workflowId)).elements;
      return elements.filter((e) => e.loopCounter === null).map((e) => (e.outcome === 'completed' ? e.elementId : `${e.elementId}:${e.outcome}`));
    },
    async result(workflowId: string): Promise<ProcessResult> {
      return h.client.workflow.getHandle(workflowId).result() as Promise<ProcessResult>;
    },
    /** Keeps this instance's history as a replay fixture when RECORD_HISTORIES=1. */
    record(name: string, workflowId: string) {
      recorded.push({ name, workflowId });
    },
    async journal(workflowId: string): Promise<string[]> {
      return (await h.admin('processJournal').where({ workflowId }).orderBy('createdAt').select('label')).map((r: { label: string }) => r.label);
    },
  };
  let connection: NativeConnection;
  let clientConnection: Connection;
  let worker: Worker;
  let running: Promise<void>;
  beforeAll(async () => {
    h.admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    h.knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 5));
    h.tenantId = (await h.admin('tenants').where({ slug: 'softwhere' }).first('id')).id;
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    clientConnection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    h.client = new Client({ connection: clientConnection, dataConverter: testDataConverter(h.knex) });
    worker = await engineWorker(connection, taskQueue, h.knex, plans);
    running = worker.run();
  });
  afterAll(async () => {
    if (recordingHistories()) for (const r of recorded) await saveHistoryFixture(h.client, h.admin, r.name, r.workflowId, h.tenantId);
    worker.shutdown();
    await running;
    await connection.close();
    await clientConnection.close();
    await h.knex.destroy();
    await h.admin.destroy();
  });
  return h;
}
