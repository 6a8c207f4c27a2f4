import type { Client } from '@temporalio/client';
import { BILLING_CONTROL_JOB } from '../../workflows/telecom/billing-control.contract';
import { ensureModuleJobSchedule } from '../schedules';

/** The schedule's id; its runs are `relais/telecom-billing-control-<time>` (the platform's, not a tenant's). */
export const BILLING_CONTROL_SCHEDULE_ID = 'relais/telecom-billing-control';

/** Every night at 02:30, Paris: after the operators' invoices of the day are imported, before the teams arrive. */
export const BILLING_CONTROL_CALENDAR = { hour: 2, minute: 30 };

/**
 * Creates the nightly billing control's schedule, or brings an existing one to this version's settings.
 * Run when the API starts (the telecom API's onStart): the first creates it, the others find it.
 * A night missed is not replayed: the next run controls last month and this month again.
 */
export async function ensureBillingControlSchedule(client: Client, taskQueue: string, scheduleId = BILLING_CONTROL_SCHEDULE_ID): Promise<void> {
  await ensureModuleJobSchedule(client, taskQueue, { scheduleId, calendars: [BILLING_CONTROL_CALENDAR], job: BILLING_CONTROL_JOB, catchupWindow: '1 minute' });
}
