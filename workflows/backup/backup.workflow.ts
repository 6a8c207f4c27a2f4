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
    // The primary holds the set; a second location that does not is said at once, loudly (no new backup: the copy is what failed).
    if (taken.copyFailures?.length) await mail['backup.alert']({ kind: 'backup', reason: `second location: ${taken.copyFailures.join('; ')}`, backupName: taken.name });
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

const replication = proxyActivities<BackupActivities>({
  startToCloseTimeout: '30 minutes',
  // A run that failed is the next minute's run: no retry piling up behind the schedule.
  retry: { maximumAttempts: 1 },
});

/**
 * The documents' replication to the second site (schedule `relais/documents-replication`, every
 * minute, ADR 0031): new and changed files copied and read back, erased ones removed; a run that
 * cannot reach the replica records its error and the growing lag, the next one catches up.
 */
export async function documentsReplication(): Promise<{ copied: number; pendingFiles: number; error: string | null } | null> {
  const run = await replication['backup.documents.replicate']();
  return run ? { copied: run.copied, pendingFiles: run.pendingFiles, error: run.error } : null;
}
