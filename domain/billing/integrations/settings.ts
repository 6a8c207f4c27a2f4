import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { env } from '../../../config/env';
import type { SecretBox } from '../../core/secret-box';
import type { RequestContext } from '../../core/record-service';
import { ForbiddenError, StaleVersionError, ValidationError, versionMatches, type ExpectedVersion, type FieldProblem } from '../../errors';
import { audit } from '../../identity/audit-log';
import type { BillingIntegrationsUpdate, BillingIntegrationsView } from './integrations.schema';
import { billingIntegrationMessage } from './integrations.messages';

/**
 * An organisation's payment provider and accounting software, with their
 * secrets sealed by the secret box before they reach the table (as comms
 * settings keep Twilio's token: domain/comms/settings.ts) and never answered.
 */
export type PaymentsSettings =
  | { provider: 'sandbox' }
  | { provider: 'stripe'; secretKey: string; webhookSecret: string; accountId: string | null };
export type AccountingSettings =
  | { provider: 'none' }
  | { provider: 'sandbox' }
  | { provider: 'pennylane'; apiToken: string };

export interface BillingIntegrationsConfig {
  payments: PaymentsSettings;
  accounting: AccountingSettings;
}

type Row = Record<string, unknown>;
const DEFAULTS: Row = { paymentsProvider: 'sandbox', accountingProvider: 'none', version: 0 };

const context = (tenantId: string, secret: 'stripe-secret-key' | 'stripe-webhook-secret' | 'pennylane-api-token') => `${tenantId}/billing/${secret}`;
const STRIPE_KEY = /^(sk|rk)_(test|live)_[0-9A-Za-z]{8,247}$/;
const STRIPE_WEBHOOK_SECRET = /^whsec_[0-9A-Za-z+/=]{8,255}$/;
const STRIPE_ACCOUNT = /^acct_[0-9A-Za-z]{1,64}$/;

async function loadRow(trx: Knex.Transaction): Promise<Row> {
  return (await trx('billingIntegrationSettings').first()) ?? { ...DEFAULTS };
}

/** The decrypted configuration the adapters are built from (webhooks, payment links and the worker only). */
export async function loadBillingIntegrations(trx: Knex.Transaction, tenantId: string, box: SecretBox): Promise<BillingIntegrationsConfig> {
  const row = await loadRow(trx);
  const payments: PaymentsSettings = row.paymentsProvider === 'stripe'
    ? {
      provider: 'stripe', secretKey: box.open(String(row.stripeSecretKeySealed), context(tenantId, 'stripe-secret-key')),
      webhookSecret: box.open(String(row.stripeWebhookSecretSealed), context(tenantId, 'stripe-webhook-secret')),
      accountId: (row.stripeAccountId as string | null) ?? null,
    }
    : { provider: 'sandbox' };
  const accounting: AccountingSettings = row.accountingProvider === 'pennylane'
    ? { provider: 'pennylane', apiToken: box.open(String(row.pennylaneApiTokenSealed), context(tenantId, 'pennylane-api-token')) }
    : row.accountingProvider === 'sandbox' ? { provider: 'sandbox' } : { provider: 'none' };
  return { payments, accounting };
}

/**
 * The secret the sandbox payment provider seals its sessions and signs its
 * simulated notifications with: derived from RELAIS_SECRET_KEY and the
 * organisation, never stored.
 */
export function sandboxPaymentsSecret(tenantId: string): string {
  const key = env().RELAIS_SECRET_KEY;
  if (!key) throw new Error('RELAIS_SECRET_KEY is not set (at least 32 random characters); `npm start` creates one under .relais/.');
  return crypto.createHmac('sha256', key).update(`relais sandbox payments v1/${tenantId}`).digest('base64url');
}

/** Where Stripe posts an organisation's notifications (the address to enter in Stripe's dashboard). */
export function stripeWebhookUrl(publicUrl: string, tenantSlug: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/webhooks/stripe?tenant=${encodeURIComponent(tenantSlug)}`;
}

async function present(trx: Knex.Transaction, row: Row, publicUrl: string): Promise<BillingIntegrationsView> {
  const tenant = await trx('tenants').first('slug');
  return {
    paymentsProvider: row.paymentsProvider as BillingIntegrationsView['paymentsProvider'],
    stripeSecretKeySet: Boolean(row.stripeSecretKeySealed),
    stripeWebhookSecretSet: Boolean(row.stripeWebhookSecretSealed),
    stripeAccountId: (row.stripeAccountId as string | null) ?? null,
    stripeWebhookUrl: stripeWebhookUrl(publicUrl, String(tenant?.slug ?? '')),
    accountingProvider: row.accountingProvider as BillingIntegrationsView['accountingProvider'],
    pennylaneApiTokenSet: Boolean(row.pennylaneApiTokenSealed),
    version: Number(row.version),
  };
}

export async function getBillingIntegrations(ctx: RequestContext, publicUrl: string): Promise<BillingIntegrationsView> {
  if (!ctx.ability.can('read', 'BillingSettings')) throw new ForbiddenError(billingIntegrationMessage('billing.integrations.forbidden-read'));
  return present(ctx.trx, await loadRow(ctx.trx), publicUrl);
}

function check(input: BillingIntegrationsUpdate, stored: Row): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = (field: string, provider: string) => problems.push({ field, message: billingIntegrationMessage('billing.integrations.required-for', { provider }) });
  if (input.stripeSecretKey && !STRIPE_KEY.test(input.stripeSecretKey)) problems.push({ field: 'stripeSecretKey', message: billingIntegrationMessage('billing.integrations.stripe-secret-key') });
  if (input.stripeWebhookSecret && !STRIPE_WEBHOOK_SECRET.test(input.stripeWebhookSecret)) {
    problems.push({ field: 'stripeWebhookSecret', message: billingIntegrationMessage('billing.integrations.stripe-webhook-secret') });
  }
  if (input.stripeAccountId && !STRIPE_ACCOUNT.test(input.stripeAccountId)) problems.push({ field: 'stripeAccountId', message: billingIntegrationMessage('billing.integrations.stripe-account') });
  if (input.paymentsProvider === 'stripe') {
    if (!input.stripeSecretKey && !stored.stripeSecretKeySealed) required('stripeSecretKey', 'Stripe');
    if (!input.stripeWebhookSecret && !stored.stripeWebhookSecretSealed) required('stripeWebhookSecret', 'Stripe');
  }
  if (input.accountingProvider === 'pennylane' && !input.pennylaneApiToken && !stored.pennylaneApiTokenSealed) required('pennylaneApiToken', 'Pennylane');
  return problems;
}

/** Replaces the settings (If-Match on their version); secrets are kept when not given again. */
export async function updateBillingIntegrations(
  ctx: RequestContext, box: SecretBox, input: BillingIntegrationsUpdate, expectedVersion: ExpectedVersion | undefined, publicUrl: string,
): Promise<BillingIntegrationsView> {
  if (!ctx.ability.can('update', 'BillingSettings')) throw new ForbiddenError(billingIntegrationMessage('billing.integrations.forbidden-update'));
  const tenantId = ctx.principal.tenantId;
  const stored = (await ctx.trx('billingIntegrationSettings').forUpdate().first()) ?? { ...DEFAULTS };
  if (!versionMatches(expectedVersion, stored.version)) throw new StaleVersionError(await present(ctx.trx, stored, publicUrl));
  const problems = check(input, stored);
  if (problems.length) throw new ValidationError(problems);
  const sealed = (value: string | null | undefined, secret: Parameters<typeof context>[1], kept: unknown) => (value ? box.seal(value, context(tenantId, secret)) : (kept ?? null));
  const row = {
    tenantId,
    paymentsProvider: input.paymentsProvider,
    stripeSecretKeySealed: sealed(input.stripeSecretKey, 'stripe-secret-key', stored.stripeSecretKeySealed),
    stripeWebhookSecretSealed: sealed(input.stripeWebhookSecret, 'stripe-webhook-secret', stored.stripeWebhookSecretSealed),
    stripeAccountId: input.stripeAccountId === undefined ? (stored.stripeAccountId ?? null) : input.stripeAccountId,
    accountingProvider: input.accountingProvider,
    pennylaneApiTokenSealed: sealed(input.pennylaneApiToken, 'pennylane-api-token', stored.pennylaneApiTokenSealed),
    version: Number(stored.version) + 1,
    updatedBy: ctx.principal.userId,
    updatedAt: ctx.trx.fn.now(),
  };
  const [saved] = await ctx.trx('billingIntegrationSettings').insert(row).onConflict('tenantId').merge().returning('*');
  await audit(ctx.trx, {
    tenantId, actorUserId: ctx.principal.userId, action: 'billing.integrations.update', targetType: 'billing-integrations', targetId: tenantId,
    details: {
      paymentsProvider: input.paymentsProvider, accountingProvider: input.accountingProvider,
      stripeSecretKeyChanged: Boolean(input.stripeSecretKey), stripeWebhookSecretChanged: Boolean(input.stripeWebhookSecret), pennylaneApiTokenChanged: Boolean(input.pennylaneApiToken),
    },
  });
  return present(ctx.trx, saved, publicUrl);
}
