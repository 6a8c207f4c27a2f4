import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { SUBSCRIPTION_INVOICING_WORKFLOW } from '../../workflows/billing/subscription-invoicing.contract';
import { ensureSchedule } from '../schedules';

/** The schedule's id; its runs are `relais/billing-subscriptions-<time>` (not a tenant's: the platform's payload key). */
export const SUBSCRIPTION_SCHEDULE_ID = 'relais/billing-subscriptions';

/** How often subscription periods are looked for: a period is invoiced within the hour it starts (its first day, Paris). */
export const SUBSCRIPTION_INVOICING_EVERY = '1 hour';

function options(taskQueue: string, scheduleId: string): ScheduleOptions {
  return {
    scheduleId,
    spec: { intervals: [{ every: SUBSCRIPTION_INVOICING_EVERY }] },
    action: { type: 'startWorkflow', workflowType: SUBSCRIPTION_INVOICING_WORKFLOW, workflowId: scheduleId, taskQueue, args: [{}] },
    // Runs never overlap; runs missed while the platform was away are not replayed one by one: the next run
    // finds every period started since and invoices each once (domain/billing/subscriptions.ts).
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}

/**
 * Creates the schedule of recurring invoicing, or brings an existing one to this version's settings.
 * Run when the API starts (the billing API module's onStart): the first creates it, the others find it.
 */
export async function ensureSubscriptionSchedule(client: Client, taskQueue: string, scheduleId = SUBSCRIPTION_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, options(taskQueue, scheduleId));
}
