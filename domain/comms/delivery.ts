import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { MailAttachment, MailPort } from '../../integrations/mail/mail.port';
import type { SmsPort } from '../../integrations/sms/sms.port';
import type { SendRequest } from './comms.schemas';
import { appendMessageHistory, presentMessage, recordEvent } from './messages';
import { supersedes } from './message-status';
import { DEFAULT_LOCALE } from '../i18n/messages';
import { checkPolicy, type RefusalReason } from './policy';
import { prepareOutgoing, type Outgoing } from './prepare-outgoing';
import { withDisplayName, type VariantNote } from './mail-variant';
import { reserveSlot } from './rate-limit';
import type { CommsConfig } from './settings';

/**
 * Sending one message, exactly once, whatever retries and crashes happen:
 *
 * 1. In one transaction: find the message by its idempotency key or create it
 *    (rendered, checked; a refusal is recorded and final); re-check STOP and
 *    consent; stamp `provider_attempted_at`. Commit. Then take a slot of the
 *    organisation's per-minute limit (none left: retry when the minute ends).
 * 2. If an earlier attempt had stamped it, that attempt may have reached the
 *    provider and died before step 4: ask the provider (SMS: Twilio's message
 *    list, the sandbox's outbox) and adopt what it finds instead of sending.
 * 3. Call the provider.
 * 4. Write the provider's id and status.
 *
 * What remains (docs/comms.md): an earlier attempt still in flight when the
 * next one asks (the HTTP timeout is kept below the activity timeout for
 * this); a message Twilio accepted but does not list yet; and mail, which
 * SMTP cannot look up: a resend after such a crash carries the same
 * Message-ID so that mail systems can recognise it.
 */
export interface DeliveryPorts {
  sms(tenantId: string, config: CommsConfig): SmsPort;
  mail(tenantId: string, config: CommsConfig): MailPort;
}

export interface DeliveryDeps {
  knex: Knex;
  ports: DeliveryPorts;
  loadConfig(trx: Knex.Transaction, tenantId: string): Promise<CommsConfig>;
  /** Public base URL of the API, for Twilio's status callbacks. */
  publicUrl: string;
}

export interface SendContext {
  tenantId: string;
  idempotencyKey: string;
  sentByUserId?: string | null;
  /** Workflow id of the process or campaign that sends. */
  sentByProcess?: string | null;
  campaignId?: string | null;
}

type Row = Record<string, unknown>;

export type DeliveryResult =
  | { kind: 'accepted'; message: Row }
  | { kind: 'refused'; reason: RefusalReason; detail: string; message: Row }
  | { kind: 'rejected'; reason: string; detail: string; message: Row }
  | { kind: 'retry'; detail: string; delayMs?: number };

export function messageIdHeader(messageId: string): string {
  return `<${messageId}@relais.message>`;
}

export function statusCallbackUrl(publicUrl: string, tenantSlug: string, messageId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/webhooks/twilio/status?tenant=${encodeURIComponent(tenantSlug)}&message=${messageId}`;
}

/** What a message keeps of its attachments: names, types and sizes. */
export function attachmentsKept(attachments: readonly MailAttachment[] | undefined): string | null {
  return attachments?.length ? JSON.stringify(attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, sizeBytes: a.content.length }))) : null;
}

/**
 * Creates the message row, or finds the one a concurrent attempt (or the API) created with the same key.
 * `variant`: what a module's mail variant did (ADR 0048), kept in the first event's detail (ids only).
 */
export async function insertMessage(trx: Knex.Transaction, ctx: SendContext, outgoing: Outgoing & { attachments?: string | null }, status: 'pending' | 'refused', error?: { code: string; reason: string } | null, variant?: VariantNote): Promise<Row> {
  const [inserted] = await trx('messages').insert({
    id: crypto.randomUUID(), tenantId: ctx.tenantId, ...outgoing, status,
    errorCode: error?.code ?? null, errorReason: error?.reason ?? null,
    campaignId: ctx.campaignId ?? null, sentByUserId: ctx.sentByUserId ?? null, sentByProcess: ctx.sentByProcess ?? null,
    idempotencyKey: ctx.idempotencyKey,
  }).onConflict(['tenantId', 'idempotencyKey']).ignore().returning('*');
  if (inserted) {
    await recordEvent(trx, ctx.tenantId, inserted.id, status, { ...(error ? { reason: error.reason } : {}), ...(variant ? { variant } : {}) });
    if (status === 'refused') await appendMessageHistory(trx, ctx.tenantId, inserted, ctx.sentByUserId ?? null);
    return inserted;
  }
  return trx('messages').where({ idempotencyKey: ctx.idempotencyKey }).forUpdate().first();
}

async function markRefused(trx: Knex.Transaction, tenantId: string, row: Row, code: string, reason: string, actor: string | null): Promise<Row> {
  const [updated] = await trx('messages').where({ id: row.id }).update({ status: 'refused', errorCode: code, errorReason: reason }).returning('*');
  await recordEvent(trx, tenantId, String(row.id), 'refused', { reason });
  await appendMessageHistory(trx, tenantId, updated, actor);
  return updated;
}

function finished(row: Row): DeliveryResult {
  if (row.status === 'refused') return { kind: 'refused', reason: row.errorCode as RefusalReason, detail: String(row.errorReason), message: presentMessage(row) };
  if (row.status === 'failed' || row.status === 'undelivered') return { kind: 'rejected', reason: String(row.errorCode), detail: String(row.errorReason ?? 'Le fournisseur n\'a pas remis le message.'), message: presentMessage(row) };
  return { kind: 'accepted', message: presentMessage(row) };
}

type Step1 =
  | { done: DeliveryResult }
  | { row: Row; previousAttempt: Date | null; config: CommsConfig; slug: string };

async function claim(deps: DeliveryDeps, ctx: SendContext, request: SendRequest, senderName: string, attachments: string | null): Promise<Step1> {
  const step = await withTenant({ tenantId: ctx.tenantId }, async (trx): Promise<Step1> => {
    const config = await deps.loadConfig(trx, ctx.tenantId);
    let row: Row | undefined = await trx('messages').where({ idempotencyKey: ctx.idempotencyKey }).forUpdate().first();
    if (!row) {
      const prepared = await prepareOutgoing(trx, request, senderName);
      const outgoing = { ...prepared.message, attachments };
      row = prepared.ok
        ? await insertMessage(trx, ctx, outgoing, 'pending', null, prepared.variant)
        : await insertMessage(trx, ctx, outgoing, 'refused', { code: prepared.refusal.reason, reason: prepared.refusal.message.render(DEFAULT_LOCALE) }, prepared.variant);
    } else if (row.status === 'pending' && !row.providerMessageId) {
      // Between creation (an API call, an earlier attempt) and now, the person may have replied STOP.
      const refusal = await checkPolicy(trx, { channel: row.channel as 'sms', category: row.category as 'marketing', recipient: String(row.recipient), contactId: (row.contactId as string) ?? null, templateId: (row.templateId as string) ?? null });
      if (refusal) row = await markRefused(trx, ctx.tenantId, row, refusal.reason, refusal.message.render(DEFAULT_LOCALE), ctx.sentByUserId ?? null);
    }
    if (row!.status !== 'pending' || row!.providerMessageId) return { done: finished(row!) };
    const previousAttempt = (row!.providerAttemptedAt as Date | null) ?? null;
    const provider = row!.channel === 'sms' ? config.sms.provider : config.mail.provider;
    // Durable before the provider is called: a later attempt that finds it asks the provider first.
    await trx('messages').where({ id: row!.id }).update({ providerAttemptedAt: previousAttempt ?? trx.fn.now(), attempts: Number(row!.attempts) + 1, provider });
    const tenant = await trx('tenants').first('slug');
    return { row: { ...row!, provider }, previousAttempt, config, slug: tenant.slug };
  }, deps.knex);
  if ('done' in step) return step;

  // The rate-limit slot: one statement on its own, so that the organisation's counter row,
  // which every send updates, stays locked only while PostgreSQL runs it (rate-limit.ts).
  const { row, previousAttempt, config } = step;
  const perMinute = row.channel === 'sms' ? config.smsRatePerMinute : config.mailRatePerMinute;
  const slot = await reserveSlot(deps.knex, ctx.tenantId, row.channel as 'sms', perMinute);
  // Nothing was sent by this attempt: take back its stamp so the next one need not ask the provider.
  if (!slot.ok && !previousAttempt) {
    await withTenant({ tenantId: ctx.tenantId }, (trx) => trx('messages').where({ id: row.id }).update({ providerAttemptedAt: null }), deps.knex);
  }
  if (!slot.ok) return { done: { kind: 'retry', detail: `La limite de l'organisation, ${perMinute} ${row.channel === 'sms' ? 'SMS' : 'e-mails'} par minute, est atteinte.`, delayMs: slot.retryAfterMs } };
  return step;
}

async function recordAccepted(deps: DeliveryDeps, ctx: SendContext, row: Row, providerMessageId: string, status: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'undelivered'): Promise<DeliveryResult> {
  return withTenant({ tenantId: ctx.tenantId }, async (trx) => {
    const current = await trx('messages').where({ id: row.id }).forUpdate().first();
    const patch: Row = { providerMessageId, errorCode: null, errorReason: null };
    // A status callback may already have moved it further.
    if (supersedes(status, current.status)) patch.status = status;
    const [updated] = await trx('messages').where({ id: row.id }).update(patch).returning('*');
    await recordEvent(trx, ctx.tenantId, String(row.id), status, { providerMessageId });
    await appendMessageHistory(trx, ctx.tenantId, updated, ctx.sentByUserId ?? null);
    return finished(updated);
  }, deps.knex);
}

async function recordFailure(deps: DeliveryDeps, ctx: SendContext, row: Row, failure: { reason: string; retryable: boolean; code?: string; message: string }): Promise<DeliveryResult> {
  return withTenant({ tenantId: ctx.tenantId }, async (trx) => {
    const code = failure.code ? `${failure.reason}:${failure.code}` : failure.reason;
    if (failure.retryable) {
      await trx('messages').where({ id: row.id }).update({ errorCode: code, errorReason: failure.message });
      return { kind: 'retry' as const, detail: failure.message };
    }
    if (failure.reason === 'opted_out' || failure.reason === 'invalid_number' || failure.reason === 'invalid_address') {
      // The provider knows better than our records: remember a STOP it holds.
      if (failure.reason === 'opted_out') {
        await trx('commsOptOuts').insert({ tenantId: ctx.tenantId, channel: row.channel, address: row.recipient, source: 'provider', keyword: null }).onConflict(['tenantId', 'channel', 'address']).ignore();
      }
      const updated = await markRefused(trx, ctx.tenantId, row, failure.reason, failure.message, ctx.sentByUserId ?? null);
      return finished(updated);
    }
    const [updated] = await trx('messages').where({ id: row.id }).update({ status: 'failed', errorCode: code, errorReason: failure.message }).returning('*');
    await recordEvent(trx, ctx.tenantId, String(row.id), 'failed', { reason: failure.message });
    await appendMessageHistory(trx, ctx.tenantId, updated, ctx.sentByUserId ?? null);
    return finished(updated);
  }, deps.knex);
}

type StoredHeaders = { inReplyTo?: unknown; references?: unknown; replyTo?: unknown; fromName?: unknown };
function parsedHeaders(row: Row): StoredHeaders | null {
  const headers = row.mailHeaders as StoredHeaders | string | null | undefined;
  return typeof headers === 'string' ? JSON.parse(headers) as StoredHeaders : headers ?? null;
}

/** The sender's display name a module's variant chose (a white-label brand's, ADR 0048), if any. */
function fromNameOf(row: Row): string | null {
  const fromName = parsedHeaders(row)?.fromName;
  return typeof fromName === 'string' ? fromName : null;
}

/** The threading headers a message was written with (`messages.mail_headers`: a reply to a ticket's mail). */
function mailHeadersOf(row: Row): { inReplyTo?: string; references?: string[]; replyTo?: string } {
  const headers = parsedHeaders(row);
  if (!headers) return {};
  return {
    ...(typeof headers.inReplyTo === 'string' ? { inReplyTo: headers.inReplyTo } : {}),
    ...(Array.isArray(headers.references) ? { references: headers.references.filter((r): r is string => typeof r === 'string') } : {}),
    ...(typeof headers.replyTo === 'string' ? { replyTo: headers.replyTo } : {}),
  };
}

/** Provider ids already recorded for other messages, which a lookup must not adopt. */
async function knownProviderIds(deps: DeliveryDeps, ctx: SendContext, row: Row): Promise<string[]> {
  // select, not pluck: pluck reads the raw snake_case column before the camelCase mapping.
  const rows: Array<{ providerMessageId: string }> = await withTenant({ tenantId: ctx.tenantId }, (trx) => trx('messages')
    .where({ recipient: row.recipient, channel: row.channel }).whereNot({ id: row.id }).whereNotNull('providerMessageId')
    .where('createdAt', '>=', trx.raw("now() - interval '2 days'")).select('providerMessageId'), deps.knex);
  return rows.map((r) => r.providerMessageId);
}

/**
 * `attachments` (mail only): sent with the mail, and their names, types and sizes kept on the message;
 * a retry of the same send must pass them again (the bytes are not stored).
 */
export async function deliver(deps: DeliveryDeps, ctx: SendContext, request: SendRequest, senderName: string, attachments?: readonly MailAttachment[]): Promise<DeliveryResult> {
  const step = await claim(deps, ctx, request, senderName, request.channel === 'mail' ? attachmentsKept(attachments) : null);
  if ('done' in step) return step.done;
  const { row, previousAttempt, config } = step;
  const id = String(row.id);

  if (row.channel === 'sms') {
    const port = deps.ports.sms(ctx.tenantId, config);
    if (previousAttempt) {
      const lookup = await port.findSent({ reference: id, to: String(row.recipient), body: String(row.body), since: previousAttempt, excludeIds: await knownProviderIds(deps, ctx, row) });
      // Never send blind: if we cannot tell whether the earlier attempt went through, try again later.
      if (!lookup.ok) return { kind: 'retry', detail: `Impossible de vérifier auprès du fournisseur si une tentative précédente est passée : ${lookup.message}` };
      if (lookup.found) return recordAccepted(deps, ctx, row, lookup.found.providerMessageId, lookup.found.status);
    }
    const result = await port.send({ to: String(row.recipient), body: String(row.body), reference: id, statusCallbackUrl: statusCallbackUrl(deps.publicUrl, step.slug, id) });
    return result.ok ? recordAccepted(deps, ctx, row, result.providerMessageId, result.status) : recordFailure(deps, ctx, row, result);
  }

  const port = deps.ports.mail(ctx.tenantId, config);
  const result = await port.send({ to: String(row.recipient), from: withDisplayName(config.mail.from, fromNameOf(row)), subject: String(row.subject ?? ''), text: String(row.body), messageId: messageIdHeader(id), reference: id,
    ...(attachments?.length ? { attachments: [...attachments] } : {}), ...mailHeadersOf(row) });
  return result.ok ? recordAccepted(deps, ctx, row, result.providerMessageId, 'sent') : recordFailure(deps, ctx, row, result);
}
