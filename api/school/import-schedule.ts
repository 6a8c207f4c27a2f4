import type { Client } from '@temporalio/client';
import { SCHOOL_DAILY_IMPORT_JOB } from '../../workflows/school/import-daily.contract';
import { ensureModuleJobSchedule } from '../schedules';

/** The schedule's id (the platform's, not an organisation's): each hour it imports the organisations whose hour has come and whose day is not imported yet. */
export const SCHOOL_DAILY_IMPORT_SCHEDULE_ID = 'relais/school-daily-import';

/**
 * Creates the daily import's schedule, or brings it to this version's settings (the school API's onStart). Every hour
 * at :05, Paris: each organisation's import runs from the hour its drop-folder settings name, then each hour until its
 * day is imported. A missed hour is caught up for six hours (a day is never skipped silently).
 */
export async function ensureSchoolDailyImportSchedule(client: Client, taskQueue: string, scheduleId = SCHOOL_DAILY_IMPORT_SCHEDULE_ID): Promise<void> {
  await ensureModuleJobSchedule(client, taskQueue, { scheduleId, calendars: [{ hour: '*', minute: 5 }], job: SCHOOL_DAILY_IMPORT_JOB, catchupWindow: '6 hours' });
}
