import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { wallClockAt } from '../../kernel/time/wall-clock';
import type { RetentionActivities, RetentionRunInput, RetentionRunResult } from './retention.contract';

const gdpr = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '1 hour',
  retry: { initialInterval: '30 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The daily retention run (schedule `relais/gdpr-retention`, worker/gdpr-retention-schedule.ts;
 * docs/adr/0026-retention.md): every organisation in turn, each in one activity that anonymises or deletes
 * what expired by the day (Paris) and no legal hold keeps, then writes its report. Only ids and counts
 * go through the workflow's history. A run's id makes each organisation's part once: a retried activity
 * answers the report it wrote.
 */
export async function gdprRetentionRun(input: RetentionRunInput = {}): Promise<RetentionRunResult> {
  const clock = wallClockAt(Date.now());
  const today = input.today ?? `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
  const runId = `${workflowInfo().workflowId}/${workflowInfo().runId}`;
  const tenants = [];
  const listed = await gdpr['gdpr.retention.tenants']();
  for (const tenantId of input.tenantIds ? listed.filter((id) => input.tenantIds!.includes(id)) : listed) {
    tenants.push(await gdpr['gdpr.retention.run']({ tenantId, today, runId }));
  }
  return { today, tenants };
}
