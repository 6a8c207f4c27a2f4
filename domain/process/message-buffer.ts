import type { Knex } from 'knex';

/** Camunda 8's default and maximum message time to live. */
export const DEFAULT_MESSAGE_TTL = 'PT1H';
export const MAX_MESSAGE_TTL_MS = 7 * 86_400_000;

/** A message as a catch event receives it. */
export interface DeliveredMessage {
  name: string;
  correlationKey: string;
  variables?: Record<string, unknown>;
}

/**
 * Serialises, until the transaction ends, everything that matches one message
 * name and key of a tenant: a published message and a catch event subscribing
 * to it take it in turn, so the message either finds the subscription or is
 * buffered before the subscriber looks for it, never neither.
 */
export async function lockMessageKey(trx: Knex.Transaction, tenantId: string, name: string, correlationKey: string): Promise<void> {
  await trx.raw("select pg_advisory_xact_lock(hashtext('process_messages'), hashtext(? || '/' || ? || '/' || ?))", [tenantId, name, correlationKey]);
}

/** Keeps a message nobody waits for until `ttlMs` from now. */
export async function bufferMessage(
  trx: Knex.Transaction,
  message: { tenantId: string; name: string; correlationKey: string; variables: Record<string, unknown>; receivedBy: string | null },
  ttlMs: number,
): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await trx('bufferedMessages').insert({
    tenantId: message.tenantId, name: message.name, correlationKey: message.correlationKey, variables: JSON.stringify(message.variables),
    receivedBy: message.receivedBy, expiresAt: trx.raw("now() + (? || ' milliseconds')::interval", [String(ttlMs)]),
  }).returning(['id', 'expiresAt']);
  return { id: row.id as string, expiresAt: row.expiresAt as Date };
}

/**
 * The oldest message of that name and key still alive, marked consumed by the
 * subscriber; null when there is none. Expired messages are left where they
 * are (listed, never delivered). `skip locked`: a row another transaction is
 * taking is not waited for.
 */
export async function consumeBufferedMessage(
  trx: Knex.Transaction,
  by: { name: string; correlationKey: string; workflowId: string; elementId: string },
): Promise<DeliveredMessage | null> {
  const row = await trx('bufferedMessages')
    .where({ name: by.name, correlationKey: by.correlationKey }).whereNull('consumedAt').where('expiresAt', '>', trx.fn.now())
    .orderBy([{ column: 'receivedAt' }, { column: 'id' }]).forUpdate().skipLocked().first('id', 'variables');
  if (!row) return null;
  await trx('bufferedMessages').where({ id: row.id })
    .update({ consumedAt: trx.fn.now(), consumedByWorkflowId: by.workflowId, consumedByElementId: by.elementId });
  return { name: by.name, correlationKey: by.correlationKey, variables: (row.variables as Record<string, unknown>) ?? {} };
}

/** The message this subscriber consumed since `since` (a retried subscription answers it again). */
export async function consumedBy(trx: Knex.Transaction, by: { workflowId: string; elementId: string; since: Date }): Promise<DeliveredMessage | null> {
  const row = await trx('bufferedMessages')
    .where({ consumedByWorkflowId: by.workflowId, consumedByElementId: by.elementId }).where('consumedAt', '>=', by.since)
    .orderBy('consumedAt', 'desc').first('name', 'correlationKey', 'variables');
  return row ? { name: row.name, correlationKey: row.correlationKey, variables: row.variables ?? {} } : null;
}

/** Buffered messages, newest first, with their state (waiting, expired, consumed). */
export async function listBufferedMessages(trx: Knex.Transaction, state?: 'waiting' | 'expired' | 'consumed', limit = 200) {
  const qb = trx('bufferedMessages').orderBy('receivedAt', 'desc').limit(limit)
    .select('*', trx.raw("case when consumed_at is not null then 'consumed' when expires_at <= now() then 'expired' else 'waiting' end as state"));
  if (state === 'consumed') qb.whereNotNull('consumedAt');
  if (state === 'expired') qb.whereNull('consumedAt').where('expiresAt', '<=', trx.fn.now());
  if (state === 'waiting') qb.whereNull('consumedAt').where('expiresAt', '>', trx.fn.now());
  return qb;
}
