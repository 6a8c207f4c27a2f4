/**
 * The worker process of bench/engine (forked by index.ts, so that its CPU is
 * counted apart from the client's): two Temporal workers with the same
 * options, the same activity implementations and each its own PostgreSQL pool
 * of the product's default size:
 *
 * - BENCH_QUEUE_BPMN: the product's worker (worker/create-worker.ts) and its
 *   normal bundle of workflows/index.ts, so `bpmnProcess`;
 * - BENCH_QUEUE_HAND: hand-written.workflow.ts bundled on its own;
 * - BENCH_EXTRA_WORKERS (JSON, diagnostics): more workers of the same
 *   options, each on its queue with a workflows module and bundler preloadModules.
 *
 * Answers { type: 'ready' } once both poll; stops on { type: 'stop' } or
 * SIGTERM/SIGINT (the SDK shuts workers down on those signals itself).
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { processDataConverter } from '../../domain/process/payload-codec';
import { createActivities } from '../../activities';
import { knexConfig } from '../../db/knexfile';
import { createWorker } from '../../worker/create-worker';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const address = required('TEMPORAL_ADDRESS');
  const databaseUrl = required('DATABASE_URL');
  const poolMax = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const namespace = 'default';
  const pools: Knex[] = [knexFactory(knexConfig(databaseUrl, poolMax)), knexFactory(knexConfig(databaseUrl, poolMax))];

  const bpmn = await createWorker({ address, namespace, taskQueue: required('BENCH_QUEUE_BPMN'), knex: pools[0]! });
  const handConnection = await NativeConnection.connect({ address });
  const hand = await Worker.create({
    connection: handConnection,
    namespace,
    taskQueue: required('BENCH_QUEUE_HAND'),
    activities: createActivities({ knex: pools[1]!, loadPlan: async () => undefined }),
    workflowsPath: require.resolve('./hand-written.workflow'),
    // As worker/create-worker.ts: payloads encrypted with the tenant's key.
    dataConverter: processDataConverter(pools[1]!, process.env.RELAIS_SECRET_KEY),
    // As worker/create-worker.ts.
    shutdownGraceTime: '10 seconds',
  });

  const workers = [bpmn.worker, hand];
  const connections = [bpmn.connection, handConnection];
  // Variants of the interpreter (index.ts): another workflows module and/or bundler preloadModules, same options otherwise.
  const extras = JSON.parse(process.env.BENCH_EXTRA_WORKERS ?? '[]') as Array<{ queue: string; workflowsPath: string; preloadModules: string[] }>;
  for (const extra of extras) {
    const connection = await NativeConnection.connect({ address });
    const knex = knexFactory(knexConfig(databaseUrl, poolMax));
    pools.push(knex);
    connections.push(connection);
    workers.push(await Worker.create({
      connection, namespace, taskQueue: extra.queue,
      activities: createActivities({ knex, loadPlan: async () => undefined }),
      workflowsPath: extra.workflowsPath,
      dataConverter: processDataConverter(knex, process.env.RELAIS_SECRET_KEY),
      ...(extra.preloadModules.length ? { bundlerOptions: { preloadModules: extra.preloadModules } } : {}),
      shutdownGraceTime: '10 seconds',
    }));
  }
  const stop = () => workers.forEach((w) => { if (w.getState() === 'RUNNING') w.shutdown(); });
  process.on('message', (m: { type?: string }) => { if (m?.type === 'stop') stop(); });
  process.on('disconnect', stop);
  const running = Promise.all(workers.map((w) => w.run()));
  process.send?.({ type: 'ready' });
  await running;
  await Promise.all([...connections.map((c) => c.close()), ...pools.map((p) => p.destroy())]);
}

main().then(
  () => process.exit(0),
  (error: Error) => { process.stderr.write(`[bench/engine worker] ${error.stack ?? error.message}\n`); process.exit(1); },
);
