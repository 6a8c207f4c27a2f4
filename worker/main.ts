import { env } from '../config/env';
import { logger } from '../config/logger';
import { initSentry } from '../config/sentry';
import { closeDb, db } from '../db/connection';
import { ensureAuditLogSchedule } from './audit-log-schedule';
import { ensureBillingAccountingSchedule } from './billing-accounting-schedule';
import { ensureBackupSchedules, ensureDocumentsReplicationSchedule } from './backup-schedule';
import { ensureQuoteExpirySchedule } from './billing-quote-expiry-schedule';
import { ensureRetentionSchedule } from './gdpr-retention-schedule';
import { ensureSearchWordsFoldSchedule } from './search-words-schedule';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = env();
  initSentry('worker');
  const { worker, connection, temporal } = await createWorker({
    address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, knex: db(),
  });
  // The audit log's chain is verified every hour (alerts on a break); a failure here must not stop the worker.
  await ensureAuditLogSchedule(await temporal(), config.TEMPORAL_TASK_QUEUE)
    .catch((error: Error) => logger.error({ err: error }, 'the audit log verification schedule could not be set up'));
  // Issued invoices go to the organisations' accounting software, and payment states come back, every 15 minutes.
  await ensureBillingAccountingSchedule(await temporal(), config.TEMPORAL_TASK_QUEUE)
    .catch((error: Error) => logger.error({ err: error }, 'the billing accounting sync schedule could not be set up'));
  // Sent quotes past their validity become « Expiré » every night at 01:15 Paris time.
  await ensureQuoteExpirySchedule(await temporal(), config.TEMPORAL_TASK_QUEUE)
    .catch((error: Error) => logger.error({ err: error }, 'the quote expiry schedule could not be set up'));
  // The platform's daily backup and its weekly restore drill (docs/runbooks/backup-restore.md).
  await ensureBackupSchedules(await temporal(), config.TEMPORAL_TASK_QUEUE)
    .catch((error: Error) => logger.error({ err: error }, 'the backup schedules could not be set up'));
  // The documents copied to the second site every minute, when RELAIS_DOCUMENTS_REPLICA_DIR is set (docs/runbooks/pra-pca.md).
  await ensureDocumentsReplicationSchedule(await temporal(), config.TEMPORAL_TASK_QUEUE, Boolean(process.env.RELAIS_DOCUMENTS_REPLICA_DIR))
    .catch((error: Error) => logger.error({ err: error }, 'the documents replication schedule could not be set up'));
  // Retention (docs/adr/0026-retention.md): what expired is anonymised or deleted every night, unless a legal hold keeps it.
  await ensureRetentionSchedule(await temporal(), config.TEMPORAL_TASK_QUEUE)
    .catch((error: Error) => logger.error({ err: error }, 'the retention schedule could not be set up'));
  // The names' word changes folded into the search dictionary every minute (docs/adr/0040-search-dictionary.md).
  await ensureSearchWordsFoldSchedule(await temporal(), config.TEMPORAL_TASK_QUEUE)
    .catch((error: Error) => logger.error({ err: error }, 'the search dictionary fold schedule could not be set up'));
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
  // The SDK stops polling on SIGINT/SIGTERM and lets running activities finish. Started by `npm start`
  // with an IPC channel, it does the same when that process dies, however it dies.
  process.once('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  await worker.run();
  await connection.close();
  await closeDb();
  logger.info('worker stopped');
}

main().catch((error) => {
  logger.fatal({ err: error }, error.message);
  process.exit(1);
});
