import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { SCHOOL_DAILY_IMPORT_WORKFLOW } from '../../workflows/school/import-daily.contract';
import { ensureSchedule } from '../schedules';

/** The schedule's id (the platform's, not an organisation's): each hour it imports the organisations whose hour it is. */
export const SCHOOL_DAILY_IMPORT_SCHEDULE_ID = 'relais/school-daily-import';

function options(taskQueue: string, scheduleId: string): ScheduleOptions {
  return {
    scheduleId,
    // Every hour at :05, Paris: each organisation's import runs at the hour its drop-folder settings name.
    spec: { calendars: [{ hour: '*', minute: 5 }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: SCHOOL_DAILY_IMPORT_WORKFLOW, workflowId: scheduleId, taskQueue, args: [{}] },
    // An hour's run still retrying a late file is not overlapped; a missed hour is caught up (a day is never skipped silently).
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
  };
}

/** Creates the daily import's schedule, or brings it to this version's settings (the school API's onStart). */
export async function ensureSchoolDailyImportSchedule(client: Client, taskQueue: string, scheduleId = SCHOOL_DAILY_IMPORT_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, options(taskQueue, scheduleId));
}
