import { ApplicationFailure } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Knex } from 'knex';
import '../domain/installed-modules';
import { createActivities, type ActivityDeps } from '../activities';
import { INSTALLED_ACTIVITY_MODULES } from '../activities/installed-modules';
import { env } from '../config/env';
import { getPlan, retirementOf } from '../domain/process/definitions-service';
import { processDataConverter } from '../domain/process/payload-codec';

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  knex: Knex;
  /** A pre-built bundle (tests build it once); otherwise the workflows are bundled now. */
  workflowBundle?: WorkflowBundle;
  /** Where call activities find the plans they start (tests may pass their own). */
  loadPlan?: ActivityDeps['loadPlan'];
}

/**
 * The latest deployed plan of a key (RLS limits the lookup to the tenant of
 * the transaction) for a call activity. A retired key is refused: the call
 * activity opens an incident saying so.
 */
export const latestDeployedPlan: ActivityDeps['loadPlan'] = async (trx, processKey) => {
  const retired = await retirementOf(trx, processKey);
  if (retired) {
    // Its type is the catalogue code the monitor writes in the reader's language (workflows/engine/values.ts incidentCause).
    throw ApplicationFailure.create({
      type: 'incident.called-process-retired', nonRetryable: true, details: [{ processKey, retiredAt: retired.retiredAt.toISOString() }],
      message: `The called process "${processKey}" was retired on ${retired.retiredAt.toISOString().slice(0, 10)}: it starts no new instance. Reactivate it (POST /api/v1/process-definitions/${processKey}/reactivate) or change the calling process, then retry this incident.`,
    });
  }
  return getPlan(trx, processKey);
};

export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Workflow modules evaluated once per V8 context instead of once per workflow
 * (the SDK re-evaluates a workflow's modules for every execution otherwise):
 * the whole workflows barrel, so the interpreter and everything it imports
 * (FEEL with feelin and its parser, DMN decisions, timer cycles with
 * cron-parser and Luxon) and the other workflows. None of them keeps state at
 * module level: their top levels only declare functions, classes, constants,
 * activity proxies and signal/query/update definitions (the SDK deep-freezes
 * what they export); per-run state lives in the objects a workflow creates.
 * A module that needs module-level state must not be reachable from here.
 * Measured in bench/engine (docs/performance.md, "Process engine").
 */
export const WORKFLOW_PRELOAD_MODULES = [
  require.resolve('../kernel/process/feel'),
  require.resolve('../kernel/process/decision-table'),
  require.resolve('../kernel/process/cycle'),
  WORKFLOWS_PATH,
];

export async function createWorker(opts: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection; temporal: () => Promise<Client> }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  // Encrypts every payload with its tenant's key (the API's client uses the same converter).
  const dataConverter = processDataConverter(opts.knex, env().RELAIS_SECRET_KEY);
  // Signal broadcasts signal and start workflows: a client on the worker's own connection, closed with it.
  let client: Client | undefined;
  const temporal = async () => (client ??= new Client({ connection, namespace: opts.namespace, dataConverter }));
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities({ knex: opts.knex, loadPlan: opts.loadPlan ?? latestDeployedPlan, temporal, modules: INSTALLED_ACTIVITY_MODULES }),
    dataConverter,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } }),
    // Finish in-flight activities on SIGTERM before exiting.
    shutdownGraceTime: '10 seconds',
  });
  return { worker, connection, temporal };
}
