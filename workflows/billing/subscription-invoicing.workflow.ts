import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { wallClockAt } from '../../kernel/time/wall-clock';
import type { SubscriptionInvoicingActivities, SubscriptionInvoicingInput, SubscriptionInvoicingResult } from './subscription-invoicing.contract';

const billing = proxyActivities<SubscriptionInvoicingActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One run of recurring invoicing, started every hour by the Temporal Schedule
 * `relais/billing-subscriptions` (api/billing/subscription-schedule.ts): the organisations with a
 * subscription period started by today (Paris), then each one's periods invoiced, oldest first,
 * each once (domain/billing/subscriptions.ts). A run missed while the platform was away is made up
 * by the next one, which finds every period started since.
 */
export async function billingSubscriptionInvoicing(input: SubscriptionInvoicingInput = {}): Promise<SubscriptionInvoicingResult> {
  const clock = wallClockAt(Date.now());
  const today = input.today ?? `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
  const tenants = [];
  for (const tenantId of await billing['billing.subscriptions.dueTenants']({ today })) {
    tenants.push(await billing['billing.subscriptions.invoice']({ tenantId, today, runId: workflowInfo().workflowId }));
  }
  return { today, tenants };
}
