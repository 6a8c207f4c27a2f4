import { proxyActivities } from '@temporalio/workflow';
import type { BackupActivities, BackupTaken, DrillOutcome } from '../../activities/backup/backup.activities';
import type { DrillRequest } from './backup.contract';

// A backup or a drill of a large database takes a while; a failed attempt is retried (it starts again).
const backup = proxyActivities<BackupActivities>({
  startToCloseTimeout: '3 hours',
  retry: { initialInterval: '1 minute', maximumInterval: '15 minutes', maximumAttempts: 3 },
});
const mail = proxyActivities<BackupActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * The daily backup (schedule `relais/backup-daily`, worker/backup-schedule.ts): the database,
 * the documents and the embedded Temporal state, encrypted and checksummed, written to every
 * store; then the rotation. A backup that failed three times alerts the platform's administrators.
 */
export async function backupDaily(): Promise<BackupTaken> {
  try {
    const taken = await backup['backup.take']();
    return { ...taken, removed: await backup['backup.rotate']() };
  } catch (error) {
    await mail['backup.alert']({ kind: 'backup', reason: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * The restore drill (weekly schedule `relais/backup-drill-weekly`, or asked for from the
 * administration screen): restores the latest backup into a scratch database and compares.
 * A failed drill alerts the platform's administrators (log, Sentry, mail).
 */
export async function backupRestoreDrill(request: DrillRequest = { trigger: 'schedule' }): Promise<DrillOutcome> {
  const outcome = await backup['backup.drill'](request);
  if (outcome.outcome === 'fail') await mail['backup.alert']({ kind: 'drill', reason: outcome.reason ?? '', backupName: outcome.backupName, drillId: outcome.id });
  return outcome;
}
