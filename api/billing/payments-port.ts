import { env } from '../../config/env';
import { createPaymentsPort } from '../../integrations/payments/payments.factory';
import type { PaymentsPort } from '../../integrations/payments/payments.port';
import type { SandboxPaymentsPort } from '../../integrations/payments/sandbox.adapter';
import { sandboxPaymentsSecret, type PaymentsSettings } from '../../domain/billing/integrations/settings';

/** The simulated payment page of the sandbox provider (served by stripe-webhook.router.ts), for an organisation. */
export function sandboxPageUrl(publicUrl: string, tenantSlug: string, sessionId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/webhooks/stripe/sandbox-checkout?tenant=${encodeURIComponent(tenantSlug)}&session=${encodeURIComponent(sessionId)}`;
}

/** The organisation's payments adapter: Stripe at STRIPE_API_BASE_URL, or the sandbox with its page on this API. */
export function paymentsPortOf(settings: PaymentsSettings, tenant: { id: string; slug: string }, publicUrl: string): PaymentsPort | SandboxPaymentsPort {
  return settings.provider === 'stripe'
    ? createPaymentsPort({ provider: 'stripe', secretKey: settings.secretKey, webhookSecret: settings.webhookSecret, apiBaseUrl: env().STRIPE_API_BASE_URL })
    : createPaymentsPort({ provider: 'sandbox', signingSecret: sandboxPaymentsSecret(tenant.id), pageUrl: (sessionId) => sandboxPageUrl(publicUrl, tenant.slug, sessionId) });
}
