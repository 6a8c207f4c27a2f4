import type { Knex } from 'knex';
import { ForbiddenError, StaleVersionError, ValidationError, versionMatches, type ExpectedVersion, type FieldProblem } from '../errors';
import { audit } from '../identity/audit-log';
import type { RequestContext } from '../core/record-service';
import type { SecretBox } from '../core/secret-box';
import { toE164 } from './phone-number';
import type { SettingsUpdate } from './comms.schemas';
import { commsMessage } from './comms.messages';

/**
 * A tenant's choice of providers and their credentials. Secrets are sealed
 * with the secret box before they reach the table and never leave the API:
 * answers say only whether one is set.
 */
export type SmsConfig =
  | { provider: 'sandbox' }
  | { provider: 'twilio'; accountSid: string; authToken: string; from: string | null; messagingServiceSid: string | null };
export type MailConfig =
  | { provider: 'sandbox'; from: string }
  | { provider: 'smtp'; host: string; port: number; secure: boolean; user: string | null; password: string | null; from: string };

export interface CommsConfig {
  sms: SmsConfig;
  mail: MailConfig;
  smsRatePerMinute: number;
  mailRatePerMinute: number;
}

type Row = Record<string, unknown>;
const DEFAULTS: Row = { smsProvider: 'sandbox', mailProvider: 'sandbox', smtpSecure: false, smsRatePerMinute: 60, mailRatePerMinute: 120, version: 0 };

const tokenContext = (tenantId: string) => `${tenantId}/comms/twilio-auth-token`;
const passwordContext = (tenantId: string) => `${tenantId}/comms/smtp-password`;

async function loadRow(trx: Knex.Transaction): Promise<Row> {
  return (await trx('commsSettings').first()) ?? { ...DEFAULTS };
}

export async function tenantSlug(trx: Knex.Transaction): Promise<{ slug: string; name: string }> {
  return trx('tenants').first('slug', 'name');
}

/** The decrypted configuration the adapters are built from (worker and webhooks only). */
export async function loadCommsConfig(trx: Knex.Transaction, tenantId: string, box: SecretBox): Promise<CommsConfig> {
  const row = await loadRow(trx);
  const tenant = await tenantSlug(trx);
  const sms: SmsConfig = row.smsProvider === 'twilio'
    ? {
      provider: 'twilio', accountSid: String(row.twilioAccountSid), authToken: box.open(String(row.twilioAuthTokenSealed), tokenContext(tenantId)),
      from: (row.twilioFrom as string) ?? null, messagingServiceSid: (row.twilioMessagingServiceSid as string) ?? null,
    }
    : { provider: 'sandbox' };
  const from = (row.mailFrom as string) ?? `${tenant.name} <no-reply@${tenant.slug}.relais.invalid>`;
  const mail: MailConfig = row.mailProvider === 'smtp'
    ? {
      provider: 'smtp', host: String(row.smtpHost), port: Number(row.smtpPort), secure: Boolean(row.smtpSecure), user: (row.smtpUser as string) ?? null,
      password: row.smtpPasswordSealed ? box.open(String(row.smtpPasswordSealed), passwordContext(tenantId)) : null, from,
    }
    : { provider: 'sandbox', from };
  return { sms, mail, smsRatePerMinute: Number(row.smsRatePerMinute), mailRatePerMinute: Number(row.mailRatePerMinute) };
}

function present(row: Row) {
  return {
    smsProvider: row.smsProvider,
    twilioAccountSid: row.twilioAccountSid ?? null,
    twilioAuthTokenSet: Boolean(row.twilioAuthTokenSealed),
    twilioFrom: row.twilioFrom ?? null,
    twilioMessagingServiceSid: row.twilioMessagingServiceSid ?? null,
    mailProvider: row.mailProvider,
    smtpHost: row.smtpHost ?? null,
    smtpPort: row.smtpPort ?? null,
    smtpSecure: Boolean(row.smtpSecure),
    smtpUser: row.smtpUser ?? null,
    smtpPasswordSet: Boolean(row.smtpPasswordSealed),
    mailFrom: row.mailFrom ?? null,
    smsRatePerMinute: row.smsRatePerMinute,
    mailRatePerMinute: row.mailRatePerMinute,
    version: row.version,
  };
}

export async function getSettings(ctx: RequestContext) {
  if (!ctx.ability.can('read', 'CommsSettings')) throw new ForbiddenError(commsMessage('comms.forbidden-settings-read'));
  return present(await loadRow(ctx.trx));
}

function check(input: SettingsUpdate, stored: Row): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.smsProvider === 'twilio') {
    if (!input.twilioAccountSid) problems.push({ field: 'twilioAccountSid', message: commsMessage('comms.field.required-for', { provider: 'Twilio' }) });
    if (!input.twilioAuthToken && !stored.twilioAuthTokenSealed) problems.push({ field: 'twilioAuthToken', message: commsMessage('comms.field.required-for', { provider: 'Twilio' }) });
    if (!input.twilioFrom && !input.twilioMessagingServiceSid) problems.push({ field: 'twilioFrom', message: commsMessage('comms.field.twilio-sender') });
  }
  if (input.twilioFrom && !toE164(input.twilioFrom) && !/^[A-Za-z0-9 ]{1,11}$/.test(input.twilioFrom)) {
    problems.push({ field: 'twilioFrom', message: commsMessage('comms.field.sms-sender') });
  }
  if (input.mailProvider === 'smtp') {
    if (!input.smtpHost) problems.push({ field: 'smtpHost', message: commsMessage('comms.field.required-for', { provider: 'SMTP' }) });
    if (!input.smtpPort) problems.push({ field: 'smtpPort', message: commsMessage('comms.field.required-for', { provider: 'SMTP' }) });
    if (!input.mailFrom) problems.push({ field: 'mailFrom', message: commsMessage('comms.field.required-for', { provider: 'SMTP' }) });
  }
  return problems;
}

/** Replaces the settings (If-Match on their version); secrets are kept when not given again. */
export async function updateSettings(ctx: RequestContext, box: SecretBox, input: SettingsUpdate, expectedVersion: ExpectedVersion | undefined) {
  if (!ctx.ability.can('update', 'CommsSettings')) throw new ForbiddenError(commsMessage('comms.forbidden-settings-update'));
  const tenantId = ctx.principal.tenantId;
  const stored = (await ctx.trx('commsSettings').forUpdate().first()) ?? { ...DEFAULTS };
  if (!versionMatches(expectedVersion, stored.version)) throw new StaleVersionError(present(stored));
  const problems = check(input, stored);
  if (problems.length) throw new ValidationError(problems);
  const row = {
    tenantId,
    smsProvider: input.smsProvider,
    twilioAccountSid: input.twilioAccountSid ?? null,
    twilioAuthTokenSealed: input.twilioAuthToken ? box.seal(input.twilioAuthToken, tokenContext(tenantId)) : (stored.twilioAuthTokenSealed ?? null),
    twilioFrom: input.twilioFrom ? (toE164(input.twilioFrom) ?? input.twilioFrom) : null,
    twilioMessagingServiceSid: input.twilioMessagingServiceSid ?? null,
    mailProvider: input.mailProvider,
    smtpHost: input.smtpHost ?? null,
    smtpPort: input.smtpPort ?? null,
    smtpSecure: input.smtpSecure ?? false,
    smtpUser: input.smtpUser ?? null,
    smtpPasswordSealed: input.smtpPassword ? box.seal(input.smtpPassword, passwordContext(tenantId)) : (stored.smtpPasswordSealed ?? null),
    mailFrom: input.mailFrom ?? null,
    smsRatePerMinute: input.smsRatePerMinute ?? stored.smsRatePerMinute,
    mailRatePerMinute: input.mailRatePerMinute ?? stored.mailRatePerMinute,
    version: Number(stored.version) + 1,
    updatedBy: ctx.principal.userId,
    updatedAt: ctx.trx.fn.now(),
  };
  const [saved] = await ctx.trx('commsSettings').insert(row).onConflict('tenantId').merge().returning('*');
  await audit(ctx.trx, {
    tenantId, actorUserId: ctx.principal.userId, action: 'comms.settings.update', targetType: 'comms-settings', targetId: tenantId,
    details: { smsProvider: input.smsProvider, mailProvider: input.mailProvider, twilioAuthTokenChanged: Boolean(input.twilioAuthToken), smtpPasswordChanged: Boolean(input.smtpPassword) },
  });
  return present(saved);
}
