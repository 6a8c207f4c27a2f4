import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { BACKUP_WORKFLOW } from '../workflows/backup/backup.contract';
import { ensureSchedule } from './audit-log-schedule';

/** The schedules' ids; their runs are `relais/backup-daily-<time>` and `relais/backup-drill-weekly-<time>`. */
export const BACKUP_DAILY_SCHEDULE_ID = 'relais/backup-daily';
export const BACKUP_DRILL_SCHEDULE_ID = 'relais/backup-drill-weekly';
/** The documents' replication to the second site (ADR 0031), when RELAIS_DOCUMENTS_REPLICA_DIR is set. */
export const DOCUMENTS_REPLICATION_SCHEDULE_ID = 'relais/documents-replication';

/** Daily at 02:30 Paris time (quiet hours); the drill on Sundays at 04:30, on the night's backup. */
export const BACKUP_AT = { hour: 2, minute: 30 };
export const DRILL_AT = { dayOfWeek: 'SUNDAY' as const, hour: 4, minute: 30 };

/**
 * Creates the backup schedules, or brings existing ones to this version's settings. A run still
 * going when the next is due: the next is skipped; a run missed while the server was away is
 * made up within 6 hours (a night's backup is worth taking late).
 */
export async function ensureBackupSchedules(client: Client, taskQueue: string, ids = { daily: BACKUP_DAILY_SCHEDULE_ID, drill: BACKUP_DRILL_SCHEDULE_ID }): Promise<void> {
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' };
  await ensureSchedule(client, {
    scheduleId: ids.daily,
    spec: { calendars: [{ hour: BACKUP_AT.hour, minute: BACKUP_AT.minute }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: BACKUP_WORKFLOW.daily, workflowId: ids.daily, taskQueue, args: [] },
    policies,
  });
  await ensureSchedule(client, {
    scheduleId: ids.drill,
    spec: { calendars: [{ dayOfWeek: DRILL_AT.dayOfWeek, hour: DRILL_AT.hour, minute: DRILL_AT.minute }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: BACKUP_WORKFLOW.drill, workflowId: ids.drill, taskQueue, args: [{ trigger: 'schedule' }] },
    policies,
  });
}

/**
 * Every minute, the documents' replication to the second site when it is configured (the
 * configuration is the worker's: RELAIS_DOCUMENTS_REPLICA_DIR); removed when it is not any more.
 * A run still going when the next is due: the next is skipped; runs missed are not made up (the
 * next one copies everything pending).
 */
export async function ensureDocumentsReplicationSchedule(client: Client, taskQueue: string, configured: boolean, scheduleId = DOCUMENTS_REPLICATION_SCHEDULE_ID): Promise<void> {
  if (!configured) {
    await client.schedule.getHandle(scheduleId).delete().catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
    return;
  }
  await ensureSchedule(client, {
    scheduleId,
    spec: { intervals: [{ every: '1 minute' }] },
    action: { type: 'startWorkflow', workflowType: BACKUP_WORKFLOW.documents, workflowId: scheduleId, taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  });
}
