import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { Client, type DataConverter, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { INSTALLED_ACTIVITY_MODULES } from '../../activities/installed-modules';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { FAILURE_CONVERTER_PATH } from '../../domain/process/failure-converter';
import { processDataConverter } from '../../domain/process/payload-codec';
import { ensureTemporalBinary } from '../../scripts/services/temporal-binaries';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker';
import type { ProcessInput, ProcessResult } from '../../kernel/process/engine-types';
import type { Plan } from '../../kernel/process/plan';

const SILENT = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };

function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: WORKFLOW_PRELOAD_MODULES, failureConverterPath: FAILURE_CONVERTER_PATH, logger: SILENT });
}

/** Bundles the workflows once for the whole run (test/support/global-setup.ts): the file every test file's workers load. */
export async function writeWorkflowBundle(file: string): Promise<string> {
  fs.writeFileSync(file, (await bundleWorkflows()).code);
  return file;
}

let bundle: Promise<WorkflowBundle | { codePath: string }> | undefined;
/**
 * The workflows, with the product's failure converter (failure messages encrypted): the run's
 * bundle written by the global setup, or bundled once for this test file when it runs alone.
 */
export function workflowBundle(): Promise<WorkflowBundle | { codePath: string }> {
  const written = process.env.RELAIS_TEST_WORKFLOW_BUNDLE;
  bundle ??= written && fs.existsSync(written) ? Promise.resolve({ codePath: written }) : bundleWorkflows();
  return bundle;
}

/** Temporal's time-skipping test server (days pass in milliseconds), its client using the product's converter. */
export function timeSkippingEnv(knex: Knex): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: ensureTemporalBinary('temporal-test-server') } },
    client: { dataConverter: testDataConverter(knex) },
  });
}

/**
 * Waits for `answer` while the time-skipping server moves its clock, watching it. The test server
 * sometimes never answers (temporalio/sdk-java#2670): a time-skipping lock left behind (an activity
 * completing after its workflow ended: « Activity not found on completion » in the worker's log) stops
 * its clock for good, and suites hung to their 5-minute timeout in CI. So every 15 s without an answer,
 * look: `reached(now)` (what was awaited is there: the answer was lost): go on; the clock skipping (ahead
 * of the wall clock): wait more; still, or only following the wall clock, for 30 s or more (no activity of these tests runs that long, even on a loaded machine):
 * release a lock, again at each look (more than one may be left); still for two and a half minutes:
 * fail saying where it stands, well before the test's own timeout.
 */
async function watchingClock<T>(
  env: TestWorkflowEnvironment, answer: Promise<T>, reached: (now: number) => Promise<boolean>, waitingFor: string, diagnose: () => Promise<string> = async () => '',
): Promise<T | undefined> {
  const answered = answer.then((value) => ({ value }));
  answered.catch(() => undefined);
  const began = Date.now();
  const startedAt = await env.currentTimeMs();
  let last = startedAt;
  let lastWall = began;
  let still = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), 15_000); });
    const woke = await Promise.race([answered, patience]).finally(() => clearTimeout(timer));
    if (woke) return woke.value;
    const now = await env.currentTimeMs();
    if (await reached(now)) return undefined;
    // Skipping, its clock runs far ahead of the wall's; locked, it stands still or follows the wall clock (seen in CI:
    // 4 minutes of server time in 210 s while waiting for 60 days). Either is « still ».
    const wall = Date.now();
    still = now - last > wall - lastWall + 5_000 ? 0 : still + 1;
    last = now;
    lastWall = wall;
    const where = `the time-skipping server's clock at ${new Date(now).toISOString()}, ${Math.round((now - startedAt) / 60_000)} min after it began waiting for ${waitingFor} ${Math.round((Date.now() - began) / 1000)} s ago`;
    // Said in the test's output, so that a run that still fails shows how (times and ids only).
    console.warn(`[skipTime] no answer yet: ${where}${still ? `, still for ${still * 15} s` : ''}. ${await diagnose()}`);
    if (still >= 10 || Date.now() - began > 200_000) throw new Error(`No answer: ${where}. ${await diagnose()}`);
    if (still >= 2) await env.connection.testService?.unlockTimeSkipping({}).catch(() => undefined);
  }
}

/** Moves the time-skipping server's clock `ms` forward (what `env.sleep` does), watching it (`watchingClock`). */
export async function skipTime(env: TestWorkflowEnvironment, ms: number): Promise<void> {
  const target = (await env.currentTimeMs()) + ms;
  await watchingClock(env, env.sleep(ms), async (now) => now >= target, new Date(target).toISOString());
}

/**
 * A workflow's result on the time-skipping server (its client skips time while waiting), watching
 * the clock (`watchingClock`): if the workflow has closed but the answer was lost, it is read again.
 */
export async function resultSkippingTime<T>(env: TestWorkflowEnvironment, workflowId: string): Promise<T> {
  const handle = env.client.workflow.getHandle(workflowId);
  const closed = async () => (await handle.describe()).status.name !== 'RUNNING';
  const diagnose = async () => {
    const described = await handle.describe().catch((error: Error) => ({ error }));
    if ('error' in described) return `describe: ${described.error.message}`;
    const pending = (described.raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} attempt ${a.attempt} ${a.lastFailure?.message ?? ''}`.trim());
    return `Workflow ${described.status.name}, history ${described.historyLength} events; pending activities: ${pending.join('; ') || 'none'}.`;
  };
  const value = await watchingClock(env, handle.result() as Promise<T>, closed, `workflow ${workflowId} to close`, diagnose);
  return value === undefined ? env.client.workflow.getHandle(workflowId).result() as Promise<T> : value;
}

/** The converter of the product's clients and workers: payloads encrypted with the tenant's key. */
export function testDataConverter(knex: Knex) {
  return processDataConverter(knex, process.env.RELAIS_SECRET_KEY);
}

export async function engineWorker(connection: NativeConnection, taskQueue: string, knex: Knex, plans: Record<string, Plan> = {}, namespace = 'default', dataConverter: DataConverter = testDataConverter(knex)): Promise<Worker> {
  return Worker.create({
    connection, namespace, taskQueue, workflowBundle: await workflowBundle(), dataConverter,
    // Signal broadcasts use a client on the worker's connection, with the worker's converter (nothing more to close).
    activities: createActivities({ knex, loadPlan: async (_trx, key) => plans[key], temporal: async () => new Client({ connection, namespace, dataConverter }), modules: INSTALLED_ACTIVITY_MODULES }),
  });
}

/** Starts an instance the way the API does: its projection row first, then the workflow. */
export async function startInstance(admin: Knex, client: Client, taskQueue: string, tenantId: string, plan: Plan, variables: Record<string, unknown> = {}, extra: Partial<ProcessInput> & { maxStepsPerRun?: number } = {}): Promise<{ handle: WorkflowHandleWithFirstExecutionRunId; instanceId: string; workflowId: string }> {
  const businessKey = crypto.randomUUID();
  const workflowId = `${tenantId}/${plan.processKey}/${businessKey}`;
  const [row] = await admin('processInstances').insert({ tenantId, workflowId, processKey: plan.processKey, version: plan.version, businessKey }).returning('id');
  const handle = await client.workflow.start('bpmnProcess', {
    workflowId, taskQueue,
    args: [{ tenantId, instanceId: row.id, businessKey, plan, variables, startedBy: null, ...extra }],
  });
  return { handle, instanceId: row.id, workflowId };
}

export type { ProcessResult };
