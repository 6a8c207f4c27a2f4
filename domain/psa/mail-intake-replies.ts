import type { Knex } from 'knex';
import { insertMessage, messageIdHeader } from '../comms/delivery';
import { prepareOutgoing } from '../comms/prepare-outgoing';
import { DEFAULT_LOCALE } from '../i18n/messages';
import { intakeAddressOf } from './mail-intake-store';

/**
 * A technician's public reply on an e-mail ticket goes to the person who wrote in, through the
 * platform's mail (comms: the organisation's provider, its outbox, the message on the ticket's
 * timeline), so that their answer threads back into the ticket:
 *
 * - `Message-ID` `<message id@relais.message>` (comms derives it from the message), recorded as the
 *   comment's `message_id`: an answer naming it in In-Reply-To/References finds this comment's ticket;
 * - `In-Reply-To` the client's latest mail on the ticket, `References` the thread (the first mail,
 *   then every mail of its comments, oldest first);
 * - the subject tagged « Re: [#n] title », and `Reply-To` the organisation's intake address.
 *
 * Written in the comment's transaction (the message `pending`, key `psa.ticket-comment/<comment id>`);
 * once that committed, the caller starts the comms send with the same key (api/psa/ticket-reply-mails.ts).
 */
type Row = Record<string, unknown>;

export const REPLY_MAIL_KEY_PREFIX = 'psa.ticket-comment/';

export interface QueuedReplyMail {
  messageId: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  body: string;
}

export function replySubjectOf(number: number, title: string): string {
  return `Re: [#${number}] ${title}`.slice(0, 300);
}

/** Queues the mail of a comment when it is a team member's public reply on an e-mail ticket; null otherwise. */
export async function queueTicketReplyMail(trx: Knex.Transaction, tenantId: string, commentId: string, mailDomain: string): Promise<QueuedReplyMail | null> {
  const comment: Row | undefined = await trx('psaTicketComments').where({ id: commentId }).first('id', 'ticketId', 'visibility', 'source', 'body', 'authorId', 'messageId');
  if (!comment || comment.visibility !== 'public' || comment.source !== 'web' || comment.messageId) return null;
  const ticket: Row | undefined = await trx('psaTickets').where({ id: comment.ticketId }).first('id', 'number', 'title', 'source', 'requesterEmail', 'threadMessageId', 'contactId');
  if (!ticket || ticket.source !== 'email' || !ticket.requesterEmail) return null;

  const earlier: Array<{ messageId: string; source: string }> = await trx('psaTicketComments').where({ ticketId: ticket.id }).whereNotNull('messageId')
    .orderBy([{ column: 'createdAt' }, { column: 'id' }]).select('messageId', 'source');
  const thread = [ticket.threadMessageId as string | null, ...earlier.map((c) => c.messageId)].filter((id): id is string => Boolean(id));
  const lastFromClient = [...earlier].reverse().find((c) => c.source === 'email')?.messageId ?? (ticket.threadMessageId as string | null);
  const tenant = await trx('tenants').first('slug', 'name');
  const author = comment.authorId ? await trx('users').where({ id: comment.authorId }).first('displayName') : undefined;

  const number = Number(ticket.number);
  const subject = replySubjectOf(number, String(ticket.title));
  const body = `${String(comment.body)}\n\n--\n${author?.displayName ?? tenant.name} — ${tenant.name}\nTicket n° ${number} : répondez simplement à ce message pour le compléter.`;
  const to = String(ticket.requesterEmail);
  const idempotencyKey = `${REPLY_MAIL_KEY_PREFIX}${String(comment.id)}`;
  const prepared = await prepareOutgoing(trx, { channel: 'mail', to, subject, body, recordType: 'psa-ticket', recordId: String(ticket.id) }, author?.displayName ?? '');
  const context = { tenantId, idempotencyKey, sentByUserId: (comment.authorId as string | null) ?? null };
  const row = prepared.ok
    ? await insertMessage(trx, context, prepared.message, 'pending')
    : await insertMessage(trx, context, prepared.message, 'refused', { code: prepared.refusal.reason, reason: prepared.refusal.message.render(DEFAULT_LOCALE) });
  const headers = { ...(lastFromClient ? { inReplyTo: lastFromClient } : {}), references: thread.slice(-20), replyTo: intakeAddressOf(String(tenant.slug), mailDomain) };
  await trx('messages').where({ id: row.id }).update({ mailHeaders: JSON.stringify(headers) });
  await trx('psaTicketComments').where({ id: comment.id }).update({ messageId: messageIdHeader(String(row.id)) });
  return prepared.ok ? { messageId: String(row.id), idempotencyKey, to, subject, body } : null;
}
