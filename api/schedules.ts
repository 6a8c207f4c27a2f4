import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { MODULE_JOB_WORKFLOW, type ModuleJobInput } from '../workflows/core/module-job.contract';

/**
 * Creates a Temporal Schedule, or brings an existing one to these settings (its spec, action and
 * policies): run by every API process when it starts, the first creates it and the others find it.
 */
export async function ensureSchedule(client: Client, wanted: ScheduleOptions): Promise<void> {
  try {
    await client.schedule.create(wanted);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(wanted.scheduleId).update((previous) => ({ ...previous, spec: wanted.spec, action: wanted.action, policies: wanted.policies }));
  }
}

/** A module's nightly or hourly job (ADR 0045): when it runs, what it runs, and how far back a missed run is caught up. */
export interface ModuleJobSchedule {
  scheduleId: string;
  /** Calendars in Paris time. */
  calendars: NonNullable<ScheduleOptions['spec']['calendars']>;
  job: ModuleJobInput;
  /** How long after a missed time the run is still made (Temporal's duration text: '1 minute', '6 hours'). */
  catchupWindow: string;
}

/**
 * Creates a module job's Schedule, or brings it to these settings: it starts the core's `moduleJob` workflow with the
 * module's activities (its workflow id is the schedule's); runs never overlap, a run still going makes the next one skip.
 */
export async function ensureModuleJobSchedule(client: Client, taskQueue: string, wanted: ModuleJobSchedule): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: wanted.scheduleId,
    spec: { calendars: wanted.calendars, timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: MODULE_JOB_WORKFLOW, workflowId: wanted.scheduleId, taskQueue, args: [wanted.job] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: wanted.catchupWindow },
  });
}
