import { proxyActivities } from '@temporalio/workflow';
import type { AuditLogActivities, AuditLogVerification } from '../../activities/system/audit-log.activities';

const system = proxyActivities<AuditLogActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/**
 * One verification of every audit chain, started by the Temporal schedule
 * `relais/audit-log-verification` (worker/audit-log-schedule.ts). The
 * activity alerts on a break; the result says what it found.
 */
export async function auditLogVerification(): Promise<AuditLogVerification> {
  return system['system.verifyAuditLog']();
}
