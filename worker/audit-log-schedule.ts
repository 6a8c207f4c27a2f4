import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';

/** The schedule's id; its runs are `relais/audit-log-verification-<time>` (not a tenant's: the platform's payload key). */
export const AUDIT_LOG_SCHEDULE_ID = 'relais/audit-log-verification';

/** How often every audit chain is verified. */
export const AUDIT_LOG_VERIFICATION_EVERY = '1 hour';

function options(taskQueue: string, scheduleId: string): ScheduleOptions {
  return {
    scheduleId,
    spec: { intervals: [{ every: AUDIT_LOG_VERIFICATION_EVERY }] },
    action: { type: 'startWorkflow', workflowType: 'auditLogVerification', workflowId: scheduleId, taskQueue, args: [] },
    // A verification still running when the next is due: the next is skipped; missed ones (server away) are not made up.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}

/**
 * Creates the schedule that verifies the audit log, or brings an existing
 * one to this version's settings (interval, task queue). Called by every
 * worker at start: the first creates it, the others find it.
 */
export async function ensureAuditLogSchedule(client: Client, taskQueue: string, scheduleId = AUDIT_LOG_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, options(taskQueue, scheduleId));
}

/** Creates a schedule, or brings the existing one to these settings (spec, action, policies): every worker calls it at start. */
export async function ensureSchedule(client: Client, wanted: ScheduleOptions & { scheduleId: string }): Promise<void> {
  const { scheduleId } = wanted;
  try {
    await client.schedule.create(wanted);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: wanted.spec, action: wanted.action, policies: wanted.policies }));
  }
}
