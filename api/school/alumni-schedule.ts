import type { Client } from '@temporalio/client';
import { ALUMNI_SYNC_JOB } from '../../workflows/school/alumni-sync.contract';
import { ensureModuleJobSchedule } from '../schedules';

/** The schedule's id; its runs are `relais/school-alumni-sync-<time>` (the platform's, not an organisation's). */
export const ALUMNI_SYNC_SCHEDULE_ID = 'relais/school-alumni-sync';

/** Every night at 02:45, Paris: after the day's student import, before the student office arrives. */
export const ALUMNI_SYNC_CALENDAR = { hour: 2, minute: 45 };

/**
 * Creates the nightly Alumnet sync's schedule, or brings an existing one to this version's settings (the school API's
 * onStart). A night missed is not replayed: the next run reads everything since the last successful one.
 */
export async function ensureAlumniSyncSchedule(client: Client, taskQueue: string, scheduleId = ALUMNI_SYNC_SCHEDULE_ID): Promise<void> {
  await ensureModuleJobSchedule(client, taskQueue, { scheduleId, calendars: [ALUMNI_SYNC_CALENDAR], job: ALUMNI_SYNC_JOB, catchupWindow: '1 minute' });
}
