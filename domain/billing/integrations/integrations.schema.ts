import { z } from 'zod';

/**
 * The organisation's billing integrations as the API takes and answers them
 * (GET/PUT /api/v1/billing/integrations). Secrets are write-only: an answer
 * says only whether one is set.
 */
export const billingIntegrationsUpdate = z.object({
  paymentsProvider: z.enum(['sandbox', 'stripe']),
  /** Write-only: omitted or null keeps the stored key. */
  stripeSecretKey: z.string().max(300).nullable().optional(),
  /** Write-only: omitted or null keeps the stored secret. */
  stripeWebhookSecret: z.string().max(300).nullable().optional(),
  /** Stripe Connect: only notifications from this account are taken (null: any account the secret signs for). */
  stripeAccountId: z.string().max(80).nullable().optional(),
  accountingProvider: z.enum(['none', 'sandbox', 'pennylane']),
  /** Write-only: omitted or null keeps the stored token. */
  pennylaneApiToken: z.string().min(8).max(500).nullable().optional(),
}).strict();
export type BillingIntegrationsUpdate = z.infer<typeof billingIntegrationsUpdate>;

export const billingIntegrationsView = z.object({
  paymentsProvider: billingIntegrationsUpdate.shape.paymentsProvider,
  stripeSecretKeySet: z.boolean(),
  stripeWebhookSecretSet: z.boolean(),
  stripeAccountId: z.string().nullable(),
  /** The address to give Stripe as the webhook endpoint (events checkout.session.completed and checkout.session.async_payment_succeeded). */
  stripeWebhookUrl: z.string(),
  accountingProvider: billingIntegrationsUpdate.shape.accountingProvider,
  pennylaneApiTokenSet: z.boolean(),
  version: z.number().int(),
});
export type BillingIntegrationsView = z.infer<typeof billingIntegrationsView>;

export const paymentLinkView = z.object({
  invoiceId: z.string().uuid(),
  provider: z.enum(['sandbox', 'stripe']),
  sessionId: z.string(),
  url: z.string(),
  amountCents: z.number().int(),
});
