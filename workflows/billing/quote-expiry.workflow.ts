import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { wallClockAt } from '../../kernel/time/wall-clock';
import type { QuoteExpiryActivities, QuoteExpiryInput, QuoteExpiryResult } from './quote-expiry.contract';

const billing = proxyActivities<QuoteExpiryActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One run of the expiry of quotes, started every night by the Temporal Schedule
 * `relais/billing-quote-expiry` (worker/billing-quote-expiry-schedule.ts): each organisation's sent
 * quotes whose validity day (Paris) is before today become « Expiré » (domain/billing/quote-expiry.ts).
 * Running it again the same day changes nothing.
 */
export async function billingQuoteExpiry(input: QuoteExpiryInput = {}): Promise<QuoteExpiryResult> {
  const clock = wallClockAt(Date.now());
  const today = input.today ?? `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
  const tenants = [];
  for (const tenantId of await billing['billing.quotes.expiryTenants']()) {
    const done = await billing['billing.quotes.expire']({ tenantId, today, runId: workflowInfo().workflowId });
    if (done.expired + done.skipped > 0) tenants.push(done);
  }
  return { today, tenants };
}
