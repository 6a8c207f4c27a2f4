import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities, type ActivityDeps } from '../activities';
import { env } from '../config/env';
import { getPlan } from '../domain/process/definitions-service';
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

/** The latest deployed plan of a key (RLS limits the lookup to the tenant of the transaction). */
const latestDeployedPlan: ActivityDeps['loadPlan'] = (trx, processKey) => getPlan(trx, processKey);

export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function createWorker(opts: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities({ knex: opts.knex, loadPlan: opts.loadPlan ?? latestDeployedPlan }),
    // Encrypts every payload with its tenant's key (the API's client uses the same converter).
    dataConverter: processDataConverter(opts.knex, env().RELAIS_SECRET_KEY),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    // Finish in-flight activities on SIGTERM before exiting.
    shutdownGraceTime: '10 seconds',
  });
  return { worker, connection };
}
