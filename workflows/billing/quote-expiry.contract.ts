/**
 * What the daily expiry of quotes, its activities and the schedule that starts it share
 * (STYLE §3: the worker names the workflow by this constant, never a string of its own).
 */
export const QUOTE_EXPIRY_WORKFLOW = 'billingQuoteExpiry';

export interface QuoteExpiryInput {
  /** The calendar day (Paris) the run expires for; the workflow's own day when left out (the schedule's runs). */
  today?: string;
}

/** What one organisation's run did (counts only: no names in Temporal's history). */
export interface TenantQuoteExpiry {
  tenantId: string;
  expired: number;
  skipped: number;
}

export interface QuoteExpiryResult {
  today: string;
  /** The organisations where the run found a quote to expire. */
  tenants: TenantQuoteExpiry[];
}

/** The activities the run calls (activities/billing/quote-expiry.activities.ts). */
export interface QuoteExpiryActivities {
  'billing.quotes.expiryTenants'(): Promise<string[]>;
  'billing.quotes.expire'(input: { tenantId: string; today: string; runId: string }): Promise<TenantQuoteExpiry>;
}
