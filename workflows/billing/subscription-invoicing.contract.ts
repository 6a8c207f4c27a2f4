/**
 * What the subscription invoicing run, its activities and the schedule that starts it share
 * (STYLE §3: the API names the workflow by this constant, never a string of its own).
 */
export const SUBSCRIPTION_INVOICING_WORKFLOW = 'billingSubscriptionInvoicing';

export interface SubscriptionInvoicingInput {
  /** The calendar day (Paris) the run invoices for; the workflow's own day when left out (the schedule's runs). */
  today?: string;
}

/** What one organisation's run did. */
export interface TenantInvoicing {
  tenantId: string;
  invoiced: number;
  issued: number;
  /** Periods left as drafts although their subscription issues them (the issue was refused), and periods not invoiced. */
  leftDraft: number;
  failed: number;
}

export interface SubscriptionInvoicingResult {
  today: string;
  tenants: TenantInvoicing[];
}

/** The activities the run calls (activities/billing/subscriptions.activities.ts). */
export interface SubscriptionInvoicingActivities {
  'billing.subscriptions.dueTenants'(input: { today: string }): Promise<string[]>;
  'billing.subscriptions.invoice'(input: { tenantId: string; today: string; runId: string }): Promise<TenantInvoicing>;
}
