import { env } from '../config/env';
import { logger } from '../config/logger';
import { initSentry } from '../config/sentry';
import { closeDb, db } from '../db/connection';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = env();
  initSentry('worker');
  const { worker, connection } = await createWorker({
    address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, knex: db(),
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
  // The SDK stops polling on SIGINT/SIGTERM and lets running activities finish.
  await worker.run();
  await connection.close();
  await closeDb();
  logger.info('worker stopped');
}

main().catch((error) => {
  logger.fatal({ err: error }, error.message);
  process.exit(1);
});
