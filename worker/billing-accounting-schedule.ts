import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ensureSchedule } from './audit-log-schedule';

/** The schedule's id; its runs are `relais/billing-accounting-sync-<time>`. */
export const BILLING_ACCOUNTING_SCHEDULE_ID = 'relais/billing-accounting-sync';

/** How often issued documents are pushed to the organisations' accounting software and payment states pulled back. */
export const BILLING_ACCOUNTING_SYNC_EVERY = '15 minutes';

/**
 * Creates the schedule of the accounting sync (workflow `billingAccountingSync`), or brings an
 * existing one to this version's settings. A run still going when the next is due: the next is
 * skipped; runs missed while the server was away are not made up (the next one catches up anyway:
 * it pushes whatever is not there and pulls from the organisation's cursor).
 */
export async function ensureBillingAccountingSchedule(client: Client, taskQueue: string, scheduleId = BILLING_ACCOUNTING_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, {
    scheduleId,
    spec: { intervals: [{ every: BILLING_ACCOUNTING_SYNC_EVERY }] },
    action: { type: 'startWorkflow', workflowType: 'billingAccountingSync', workflowId: scheduleId, taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  });
}
