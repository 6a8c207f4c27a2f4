import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { QUOTE_EXPIRY_WORKFLOW } from '../workflows/billing/quote-expiry.contract';
import { ensureSchedule } from './audit-log-schedule';

/** The schedule's id; its runs are `relais/billing-quote-expiry-<time>`. */
export const QUOTE_EXPIRY_SCHEDULE_ID = 'relais/billing-quote-expiry';

/** Daily at 01:15 Paris time: a quote valid until yesterday is « Expiré » when the day's work starts. */
export const QUOTE_EXPIRY_AT = { hour: 1, minute: 15 };

/**
 * Creates the daily schedule of the expiry of quotes (workflow `billingQuoteExpiry`), or brings an
 * existing one to this version's settings. A run still going when the next is due: the next is skipped;
 * a run missed while the server was away is made up within the day (it finds the same quotes anyway).
 */
export async function ensureQuoteExpirySchedule(client: Client, taskQueue: string, scheduleId = QUOTE_EXPIRY_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, {
    scheduleId,
    spec: { calendars: [{ hour: QUOTE_EXPIRY_AT.hour, minute: QUOTE_EXPIRY_AT.minute }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow', workflowType: QUOTE_EXPIRY_WORKFLOW, workflowId: scheduleId, taskQueue, args: [{}] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '20 hours' },
  });
}
