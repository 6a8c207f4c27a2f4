import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { MODULE_JOB_WORKFLOW } from '../../workflows/core/module-job.contract';
import { SCHOOL_DAILY_IMPORT_JOB } from '../../workflows/school/import-daily.contract';
import { ensureSchedule } from '../schedules';

/** The schedule's id (the platform's, not an organisation's): each hour it imports the organisations whose hour has come and whose day is not imported yet. */
export const SCHOOL_DAILY_IMPORT_SCHEDULE_ID = 'relais/school-daily-import';

function options(taskQueue: string, scheduleId: string): ScheduleOptions {
  return {
    scheduleId,
    // Every hour at :05, Paris: each organisation's import runs from the hour its drop-folder settings name, then each hour until its day is imported.
    spec: { calendars: [{ hour: '*', minute: 5 }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: MODULE_JOB_WORKFLOW, workflowId: scheduleId, taskQueue, args: [SCHOOL_DAILY_IMPORT_JOB] },
    // An hour's run still retrying a late file is not overlapped; a missed hour is caught up (a day is never skipped silently).
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
  };
}

/** Creates the daily import's schedule, or brings it to this version's settings (the school API's onStart). */
export async function ensureSchoolDailyImportSchedule(client: Client, taskQueue: string, scheduleId = SCHOOL_DAILY_IMPORT_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, options(taskQueue, scheduleId));
}
