import { proxyActivities } from '@temporalio/workflow';
import type { AccountingSyncActivities, PullSummary, PushSummary } from '../../activities/billing/accounting-sync.activities';

const sync = proxyActivities<AccountingSyncActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '2 minutes', maximumAttempts: 3 },
});

export interface AccountingSyncRun {
  tenantId: string;
  push: PushSummary | null;
  pull: PullSummary | null;
  /** Why a step gave up after its retries (the next run tries again). */
  errors: string[];
}

/**
 * One pass of the accounting sync, started by the Temporal schedule `relais/billing-accounting-sync`
 * (worker/billing-accounting-schedule.ts): for each organisation with an accounting software, push
 * the issued documents not there yet, then pull the payment states changed since its cursor. One
 * organisation failing does not hold the others up.
 */
export async function billingAccountingSync(): Promise<AccountingSyncRun[]> {
  const runs: AccountingSyncRun[] = [];
  for (const tenantId of await sync['billing.accounting.tenants']()) {
    const run: AccountingSyncRun = { tenantId, push: null, pull: null, errors: [] };
    try {
      run.push = await sync['billing.accounting.push']({ tenantId });
    } catch (error) {
      run.errors.push(`push: ${(error as Error).message}`);
    }
    try {
      run.pull = await sync['billing.accounting.pull']({ tenantId });
    } catch (error) {
      run.errors.push(`pull: ${(error as Error).message}`);
    }
    runs.push(run);
  }
  return runs;
}
