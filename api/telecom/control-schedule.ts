import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { MODULE_JOB_WORKFLOW } from '../../workflows/core/module-job.contract';
import { BILLING_CONTROL_JOB } from '../../workflows/telecom/billing-control.contract';
import { ensureSchedule } from '../schedules';

/** The schedule's id; its runs are `relais/telecom-billing-control-<time>` (the platform's, not a tenant's). */
export const BILLING_CONTROL_SCHEDULE_ID = 'relais/telecom-billing-control';

/** Every night at 02:30, Paris: after the operators' invoices of the day are imported, before the teams arrive. */
export const BILLING_CONTROL_CALENDAR = { hour: 2, minute: 30 };

function options(taskQueue: string, scheduleId: string): ScheduleOptions {
  return {
    scheduleId,
    spec: { calendars: [BILLING_CONTROL_CALENDAR], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: MODULE_JOB_WORKFLOW, workflowId: scheduleId, taskQueue, args: [BILLING_CONTROL_JOB] },
    // Runs never overlap; a night missed is not replayed: the next run controls last month and this month again.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}

/**
 * Creates the nightly billing control's schedule, or brings an existing one to this version's settings.
 * Run when the API starts (the telecom API's onStart): the first creates it, the others find it.
 */
export async function ensureBillingControlSchedule(client: Client, taskQueue: string, scheduleId = BILLING_CONTROL_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, options(taskQueue, scheduleId));
}
