import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { MODULE_JOB_WORKFLOW } from '../../workflows/core/module-job.contract';
import { ALUMNI_SYNC_JOB } from '../../workflows/school/alumni-sync.contract';
import { ensureSchedule } from '../schedules';

/** The schedule's id; its runs are `relais/school-alumni-sync-<time>` (the platform's, not an organisation's). */
export const ALUMNI_SYNC_SCHEDULE_ID = 'relais/school-alumni-sync';

/** Every night at 02:45, Paris: after the day's student import, before the student office arrives. */
export const ALUMNI_SYNC_CALENDAR = { hour: 2, minute: 45 };

function options(taskQueue: string, scheduleId: string): ScheduleOptions {
  return {
    scheduleId,
    spec: { calendars: [ALUMNI_SYNC_CALENDAR], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: MODULE_JOB_WORKFLOW, workflowId: scheduleId, taskQueue, args: [ALUMNI_SYNC_JOB] },
    // Runs never overlap; a night missed is not replayed: the next run reads everything since the last successful one.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}

/** Creates the nightly Alumnet sync's schedule, or brings an existing one to this version's settings (the school API's onStart). */
export async function ensureAlumniSyncSchedule(client: Client, taskQueue: string, scheduleId = ALUMNI_SYNC_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, options(taskQueue, scheduleId));
}
