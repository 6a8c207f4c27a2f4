import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { appendHistory } from '../core/history';
import { cursorValueFits, decodeCursor, encodeCursor } from '../core/cursor';
import { isUuid, type RequestContext } from '../core/record-service';
import type { MessageStatus } from './comms.schemas';
import { FAILED_STATUSES, supersedes } from './message-status';
import { commsMessage } from './comms.messages';

/** Messages: every SMS and mail, sent or received, is a record with its status history. */
type Row = Record<string, unknown>;

const COLUMNS = ['id', 'channel', 'direction', 'category', 'recipient', 'sender', 'contactId', 'templateId', 'templateKey', 'language', 'subject', 'body',
  'status', 'provider', 'providerMessageId', 'attempts', 'errorCode', 'errorReason', 'recordType', 'recordId', 'campaignId', 'sentByUserId', 'sentByProcess',
  'createdAt', 'updatedAt'] as const;

export function presentMessage(row: Row): Row {
  return Object.fromEntries(COLUMNS.map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c] ?? null]));
}

function requireRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', 'Message')) throw new ForbiddenError(commsMessage('comms.forbidden-read'));
}

export interface MessageListQuery {
  limit: number;
  cursor?: string;
  recordType?: string;
  recordId?: string;
  contactId?: string;
  status?: MessageStatus;
  channel?: 'sms' | 'mail';
  direction?: 'outbound' | 'inbound';
  campaignId?: string;
}

export async function listMessages(ctx: RequestContext, query: MessageListQuery) {
  requireRead(ctx);
  const qb = ctx.trx('messages').select('*', ctx.trx.raw("to_json(created_at) #>> '{}' as cursor_value"));
  for (const key of ['recordType', 'recordId', 'contactId', 'status', 'channel', 'direction', 'campaignId'] as const) {
    if (query[key]) qb.where(key, query[key]);
  }
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    if (!isUuid(id) || !cursorValueFits('createdAt', value)) throw new ValidationError([{ field: 'cursor', message: commsMessage('comms.field.not-a-cursor') }]);
    qb.whereRaw('(created_at, id) < (?, ?)', [value as string, id]);
  }
  const rows: Row[] = await qb.orderBy([{ column: 'createdAt', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(presentMessage), nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorValue, last.id]) : null };
}

export async function getMessage(ctx: RequestContext, id: string) {
  requireRead(ctx);
  const row = isUuid(id) ? await ctx.trx('messages').where({ id }).first() : undefined;
  if (!row) throw new NotFoundError({ fr: 'message', en: 'message' });
  const events = await ctx.trx('messageEvents').where({ messageId: id }).orderBy('id').select('status', 'detail', 'at');
  return { ...presentMessage(row), events: events.map((e) => ({ status: e.status, detail: e.detail, at: new Date(e.at).toISOString() })) };
}

/** One row per status reached; a repeated callback adds nothing. */
export async function recordEvent(trx: Knex.Transaction, tenantId: string, messageId: string, status: MessageStatus, detail: Record<string, unknown> = {}): Promise<void> {
  await trx('messageEvents').insert({ tenantId, messageId, status, detail: JSON.stringify(detail) }).onConflict(['tenantId', 'messageId', 'status']).ignore();
}

/** The names of a mail's attachments, for its timeline entry (none: nothing). */
function attachmentNames(message: Row): { attachments?: string[] } {
  const kept = message.attachments as Array<{ filename: string }> | null | undefined;
  return kept?.length ? { attachments: kept.map((a) => a.filename) } : {};
}

/** The entry on the concerned record's timeline (one per message outcome). */
export async function appendMessageHistory(trx: Knex.Transaction, tenantId: string, message: Row, actorUserId: string | null): Promise<void> {
  if (!message.recordType || !message.recordId) return;
  await appendHistory(trx, tenantId, {
    // The person who sent it, even when the worker writes the outcome later.
    recordType: String(message.recordType), recordId: String(message.recordId), action: 'message', actorUserId: actorUserId ?? (message.sentByUserId as string | null) ?? null,
    changes: {
      messageId: message.id, channel: message.channel, direction: message.direction, status: message.status,
      recipient: message.recipient, templateKey: message.templateKey ?? null, subject: message.subject ?? null,
      preview: String(message.body ?? '').slice(0, 160), ...attachmentNames(message), reason: message.errorReason ?? null, errorCode: message.errorCode ?? null, sentByProcess: message.sentByProcess ?? null,
    },
  });
}

export interface ProviderStatusUpdate {
  /** Our id, when the callback URL carries it (it is signed with the rest of the URL). */
  messageId?: string;
  provider: string;
  providerMessageId: string;
  status: MessageStatus;
  errorCode?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Applies a provider's status report: appends it to the history and moves the
 * current status forward when it is newer. Returns false for an unknown message.
 */
export async function applyProviderStatus(trx: Knex.Transaction, tenantId: string, update: ProviderStatusUpdate): Promise<boolean> {
  const byId = update.messageId && isUuid(update.messageId)
    ? await trx('messages').where({ id: update.messageId }).forUpdate().first()
    : undefined;
  // The callback may beat our own write of the provider id: our id in the URL finds the row anyway.
  const row = byId && (!byId.providerMessageId || byId.providerMessageId === update.providerMessageId)
    ? byId
    : await trx('messages').where({ provider: update.provider, providerMessageId: update.providerMessageId }).forUpdate().first();
  if (!row) return false;
  await recordEvent(trx, tenantId, row.id, update.status, { ...(update.errorCode ? { errorCode: update.errorCode } : {}), ...update.detail });
  const patch: Row = {};
  if (!row.providerMessageId) patch.providerMessageId = update.providerMessageId;
  if (supersedes(update.status, row.status)) {
    patch.status = update.status;
    if (update.errorCode) {
      patch.errorCode = update.errorCode;
      patch.errorReason = `The provider reported "${update.status}" (error ${update.errorCode}).`;
    }
  }
  if (Object.keys(patch).length) await trx('messages').where({ id: row.id }).update(patch);
  if (patch.status && FAILED_STATUSES.includes(update.status)) {
    await appendMessageHistory(trx, tenantId, { ...row, ...patch }, null);
  }
  return true;
}
