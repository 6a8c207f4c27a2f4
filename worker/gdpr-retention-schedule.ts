import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { RETENTION_WORKFLOW } from '../workflows/gdpr/retention.contract';
import { ensureSchedule } from './audit-log-schedule';

/** The schedule's id; its runs are `relais/gdpr-retention-<time>`. */
export const RETENTION_SCHEDULE_ID = 'relais/gdpr-retention';

/** Daily at 03:30 Paris time, after the night's backup (a row anonymised today is still in last night's set). */
export const RETENTION_AT = { hour: 3, minute: 30 };

/**
 * Creates the daily retention schedule, or brings an existing one to this version's settings. A run still
 * going when the next is due: the next is skipped; a run missed while the server was away is made up within
 * the day (the next run would find the same rows anyway).
 */
export async function ensureRetentionSchedule(client: Client, taskQueue: string, scheduleId = RETENTION_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, {
    scheduleId,
    spec: { calendars: [{ hour: RETENTION_AT.hour, minute: RETENTION_AT.minute }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: RETENTION_WORKFLOW, workflowId: scheduleId, taskQueue, args: [{}] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '20 hours' },
  });
}
