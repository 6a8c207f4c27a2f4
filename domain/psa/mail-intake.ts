import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { logger } from '../../config/logger';
import { withTenant } from '../../db/tenant-scope';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { ConflictError } from '../errors';
import { mailAttachmentsFor, refusedAttachmentsNote, storeMailAttachments, type KeptAttachment, type RefusedAttachment } from './mail-attachments';
import { addTicketComment, openTicket, ticketAfterCommit, type TicketOutcome } from './ticket-actions';

/**
 * The second half of the MSP's mail intake (spec 003 §2.3, issue 14): a stored mail
 * (`psa_inbound_mails`, mail-intake-store.ts) becomes
 *
 * - a comment on its ticket when it answers one: its In-Reply-To or References name the ticket's
 *   first mail (`thread_message_id`) or a mail of one of its comments (`message_id`, ours included:
 *   a technician's reply goes out with it), or its subject carries the ticket's tag « [#123] » and
 *   its sender belongs to the ticket's client. The comment is the client's: a waiting ticket goes
 *   back in progress, a resolved one reopens (ticket-actions.ts). An answer to a closed ticket opens
 *   a new one on the same client;
 * - otherwise a new ticket (source `email`) on the client its sender belongs to: a contact with that
 *   address, else the one client whose contacts or e-mail use the sender's domain (never a public
 *   mailbox domain such as gmail.com);
 * - otherwise `unknown-sender`: kept for a manager to triage (GET /api/v1/psa/inbound-mails), never
 *   a ticket on a guessed client.
 *
 * Automatic replies (Auto-Submitted, out-of-office, bounces) are kept as `discarded`: they would
 * otherwise reopen tickets and answer each other. Each mail is processed once: the row is locked
 * (skip locked) and its status written in the transaction that opens the ticket or adds the comment;
 * the Message-ID is unique per organisation on tickets and comments too. A failure is retried by the
 * next sweep, at most MAX_ATTEMPTS times, then the mail is `failed` (still in the triage list).
 */
type Row = Record<string, unknown>;

export const MAX_ATTEMPTS = 5;
const TITLE_MAX = 200;
const BODY_MAX = 20_000;

/** Mailbox providers shared by unrelated people: their domain says nothing about a client. */
const PUBLIC_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.fr', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr',
  'msn.com', 'icloud.com', 'me.com', 'aol.com', 'gmx.com', 'gmx.fr', 'protonmail.com', 'proton.me', 'orange.fr', 'wanadoo.fr', 'free.fr',
  'sfr.fr', 'neuf.fr', 'laposte.net', 'bbox.fr', 'numericable.fr', 'yandex.com', 'mail.com',
]);

export interface MailIntakeDeps {
  knex: Knex;
  /** After a ticket's transaction: its process started, its messages handed over (ticketAfterCommit). */
  temporal?: () => Promise<Client>;
  taskQueue?: string;
  /** Where the attachments of mail that opens or joins a ticket are kept (the documents' storage); without it they are listed as not kept. */
  storage?: DocumentStorage;
}

export type IntakeOutcome = 'ticket' | 'comment' | 'unknown-sender' | 'discarded' | 'failed' | 'busy';

/** « Re: TR: [#12] Imprimante » → « Imprimante ». */
export function ticketTitleOf(subject: string | undefined): string {
  let title = (subject ?? '').replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = title.replace(/^((re|fw|fwd|tr|réf|ref|aw|wg)\s*(\[\d+\])?\s*:\s*)/i, '').replace(/^\[#\d{1,9}\]\s*/, '').trim();
    if (next === title) break;
    title = next;
  }
  return (title || '(sans objet)').slice(0, TITLE_MAX);
}

/** The ticket number a subject is tagged with (« [#123] »), or null. */
export function ticketTagOf(subject: string | undefined): number | null {
  const match = subject?.match(/\[#(\d{1,9})\]/);
  return match ? Number(match[1]) : null;
}

/**
 * What the sender wrote in a reply, without the history their mail program quotes below it
 * (« Le … a écrit : », « On … wrote: », « -----Original Message----- », « De : », « > » lines).
 */
export function replyTextOf(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const stop = lines.findIndex((line) => /^\s*(Le .{3,200} a écrit\s?:|On .{3,200} wrote:|-{2,}\s*(Original Message|Message d'origine)\s*-{2,}|De\s?: .+|From: .+)\s*$/i.test(line));
  const kept = (stop >= 0 ? lines.slice(0, stop) : lines).filter((line) => !line.startsWith('>'));
  const out = kept.join('\n').trim();
  return (out || text.trim()).slice(0, BODY_MAX);
}

/** Whether a mail was written by a program answering another mail (RFC 3834), not by a person. */
export function isAutomaticReply(mail: ParsedMail, envelopeFrom: string | null): boolean {
  if (!envelopeFrom) return true; // a bounce (MAIL FROM:<>)
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const auto = header('auto-submitted');
  if (auto && auto !== 'no') return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) return true;
  return Boolean(mail.headers.get('x-autoreply') || mail.headers.get('x-autorespond') || mail.headers.get('x-auto-response-suppress')?.toString().match(/all|oof/i));
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) if (entry.address) return { address: entry.address.trim().toLowerCase(), name: entry.name?.trim() ?? '' };
  }
  return null;
}

/** The Message-IDs a mail answers, nearest first (In-Reply-To, then References from the last). */
export function answeredIds(mail: Pick<ParsedMail, 'inReplyTo' | 'references'>): string[] {
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : [];
  const ids = [...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : []), ...references.reverse()];
  return [...new Set(ids.map((id) => id.trim()).filter((id) => /^<[^<>\s]{3,400}>$/.test(id)))].slice(0, 50);
}

/** The ticket a mail answers, by its references (a ticket's first mail, or a comment's mail). */
async function ticketByReferences(trx: Knex.Transaction, ids: string[]): Promise<string | null> {
  if (!ids.length) return null;
  const ticket = await trx('psaTickets').whereIn('threadMessageId', ids).first('id');
  if (ticket) return ticket.id;
  const comment = await trx('psaTicketComments').whereIn('messageId', ids).first('ticketId');
  return comment?.ticketId ?? null;
}

export interface SenderMatch {
  accountId: string;
  contactId: string | null;
}

/** The client a sender belongs to: one of its contacts by address, else the one client using its domain; null when unknown or ambiguous. */
export async function accountOfSender(trx: Knex.Transaction, email: string): Promise<SenderMatch | null> {
  const contacts: Array<{ id: string; accountId: string }> = await trx('contacts').whereRaw('lower(email) = ?', [email]).whereNotNull('accountId')
    .orderBy('createdAt').limit(20).select('id', 'accountId');
  const byContact = new Set(contacts.map((c) => c.accountId));
  if (byContact.size === 1) return { accountId: contacts[0]!.accountId, contactId: contacts[0]!.id };
  if (byContact.size > 1) return null;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!domain || PUBLIC_DOMAINS.has(domain)) return null;
  const suffix = `%@${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
  const accounts: Array<{ id: string }> = await trx('accounts').whereRaw('lower(email) like ?', [suffix])
    .union((qb) => { qb.from('contacts').whereRaw('lower(email) like ?', [suffix]).whereNotNull('accountId').select('accountId as id'); })
    .limit(2).select('id');
  return accounts.length === 1 ? { accountId: accounts[0]!.id, contactId: null } : null;
}

interface Parsed {
  mail: ParsedMail;
  sender: { address: string; name: string } | null;
  /** Its attachments within the limits (kept on the ticket) and past them (named in the ticket's text). */
  attachments: { kept: KeptAttachment[]; refused: RefusedAttachment[] };
}

async function parse(raw: Buffer, storage: DocumentStorage | undefined): Promise<Parsed> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2 * 1024 * 1024 });
  return { mail, sender: firstAddress(mail.replyTo) ?? firstAddress(mail.from), attachments: mailAttachmentsFor(mail.attachments, storage) };
}

/** The text of a mail: its plain part, else its HTML made text by mailparser. */
function textOf(mail: ParsedMail): string {
  return (mail.text ?? '').trim();
}

type Decision =
  | { kind: 'comment'; ticketId: string }
  | { kind: 'ticket'; account: SenderMatch; followsTicket?: number }
  | { kind: 'unknown-sender' }
  | { kind: 'discarded'; reason: string };

async function decide(trx: Knex.Transaction, row: Row, parsed: Parsed, intakeSender: (address: string) => boolean): Promise<Decision> {
  const { mail, sender } = parsed;
  if (!sender) return { kind: 'discarded', reason: 'no-sender' };
  if (intakeSender(sender.address)) return { kind: 'discarded', reason: 'loop' };
  if (isAutomaticReply(mail, (row.envelopeFrom as string | null) ?? null)) return { kind: 'discarded', reason: 'automatic-reply' };
  const account = await accountOfSender(trx, sender.address);
  const threaded = await ticketByReferences(trx, answeredIds(mail));
  if (threaded) return { kind: 'comment', ticketId: threaded };
  const tag = ticketTagOf(mail.subject);
  if (tag !== null) {
    const ticket = await trx('psaTickets').where({ number: tag }).first('id', 'accountId', 'requesterEmail');
    // A tag alone is easy to write: it threads only a mail from the ticket's own client.
    if (ticket && (ticket.requesterEmail === sender.address || ticket.accountId === account?.accountId)) return { kind: 'comment', ticketId: ticket.id };
  }
  return account ? { kind: 'ticket', account } : { kind: 'unknown-sender' };
}

async function openFromMail(trx: Knex.Transaction, tenantId: string, row: Row, parsed: Parsed, account: SenderMatch, follows?: number): Promise<TicketOutcome> {
  const { mail, sender } = parsed;
  const before = follows ? `Suite du ticket n° ${follows}, déjà fermé.\n\n` : '';
  const note = refusedAttachmentsNote(parsed.attachments.refused);
  const description = `${before}${textOf(mail).slice(0, BODY_MAX - note.length - before.length)}${note}` || null;
  return openTicket(trx, { system: 'email', tenantId }, {
    accountId: account.accountId, contactId: account.contactId, title: ticketTitleOf(mail.subject), description, priority: 'normal',
    source: 'email', requesterEmail: sender!.address,
    // A follow-up of a closed ticket keeps its own identity (the Message-ID may already thread the closed one).
    threadMessageId: follows ? null : String(row.messageId),
  });
}

/** Keeps the mail's attachments on the ticket it opened (commentId null) or joined. */
async function keepAttachments(trx: Knex.Transaction, storage: DocumentStorage | undefined, tenantId: string, row: Row, parsed: Parsed, outcome: TicketOutcome, commentId: string | null): Promise<void> {
  if (!storage || !parsed.attachments.kept.length) return;
  await storeMailAttachments(trx, storage, {
    tenantId, ticketId: String(outcome.ticket.id), accountId: String(outcome.ticket.accountId), commentId, inboundMailId: String(row.id),
  }, parsed.attachments.kept);
}

/** Opens the ticket or adds the comment a mail asks for, and records what was done, in one transaction. */
async function apply(trx: Knex.Transaction, tenantId: string, row: Row, parsed: Parsed, decision: Decision, storage?: DocumentStorage): Promise<{ status: IntakeOutcome; outcome?: TicketOutcome; patch: Row }> {
  const { mail, sender } = parsed;
  const seen = {
    senderEmail: sender?.address ?? null, senderName: sender?.name.slice(0, 200) || null, subject: mail.subject?.slice(0, 300) ?? null,
    excerpt: textOf(mail).replace(/\s+/g, ' ').slice(0, 500) || null,
  };
  if (decision.kind === 'discarded') return { status: 'discarded', patch: { ...seen, lastError: decision.reason } };
  if (decision.kind === 'unknown-sender') return { status: 'unknown-sender', patch: seen };
  if (decision.kind === 'comment') {
    const note = refusedAttachmentsNote(parsed.attachments.refused);
    const body = `${replyTextOf(textOf(mail)).slice(0, BODY_MAX - note.length)}${note}`.trim() || (parsed.attachments.kept.length ? '(pièces jointes)' : '(message vide)');
    try {
      // Its own savepoint: a closed ticket refuses the comment, and the mail opens a new ticket instead.
      const outcome = await trx.transaction((sp) => addTicketComment(sp, { system: 'email', tenantId }, decision.ticketId, {
        body, visibility: 'public', authorEmail: sender!.address, messageId: String(row.messageId),
      }));
      // A second delivery answers the comment the first one wrote: its attachments are already there.
      const known = await trx('psaTicketAttachments').where({ commentId: outcome.comment.id }).first('id');
      if (!known) await keepAttachments(trx, storage, tenantId, row, parsed, outcome, outcome.comment.id);
      return { status: 'comment', outcome, patch: { ...seen, ticketId: decision.ticketId, commentId: outcome.comment.id, accountId: outcome.ticket.accountId } };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const closed = await trx('psaTickets').where({ id: decision.ticketId }).first('number', 'accountId');
      const account = await accountOfSender(trx, sender!.address);
      const outcome = await openFromMail(trx, tenantId, row, parsed, account ?? { accountId: closed.accountId, contactId: null }, Number(closed.number));
      await keepAttachments(trx, storage, tenantId, row, parsed, outcome, null);
      return { status: 'ticket', outcome, patch: { ...seen, ticketId: outcome.ticket.id, accountId: outcome.ticket.accountId } };
    }
  }
  const outcome = await openFromMail(trx, tenantId, row, parsed, decision.account);
  await keepAttachments(trx, storage, tenantId, row, parsed, outcome, null);
  return { status: 'ticket', outcome, patch: { ...seen, ticketId: outcome.ticket.id, accountId: decision.account.accountId } };
}

export interface ProcessOptions {
  /** Addresses that are ours (the intake addresses): mail from them is a loop. */
  isIntakeAddress: (address: string) => boolean;
}

/**
 * Processes one stored mail (status `received`): answers what became of it, or `busy` when another
 * process holds it, or its status when it was already processed.
 */
export async function processInboundMail(deps: MailIntakeDeps, tenantId: string, id: string, options: ProcessOptions): Promise<IntakeOutcome> {
  let after: TicketOutcome | undefined;
  let result: IntakeOutcome;
  try {
    result = await withTenant({ tenantId }, async (trx) => {
      const row: Row | undefined = await trx('psaInboundMails').where({ id }).forUpdate().skipLocked().first();
      if (!row) return 'busy';
      if (row.status !== 'received') return row.status as IntakeOutcome;
      const parsed = await parse(row.raw as Buffer, deps.storage);
      const decision = await decide(trx, row, parsed, options.isIntakeAddress);
      const applied = await apply(trx, tenantId, row, parsed, decision, deps.storage);
      after = applied.outcome;
      await trx('psaInboundMails').where({ id }).update({ ...applied.patch, status: applied.status, processedAt: trx.fn.now(), attempts: Number(row.attempts) + 1 });
      return applied.status;
    }, deps.knex);
  } catch (error) {
    // Rolled back: the attempt is counted in a transaction of its own; past the limit the mail waits in the triage list.
    const message = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
    logger.warn({ err: error, tenantId, inboundMailId: id }, 'an inbound mail could not be processed; it is tried again');
    result = await withTenant({ tenantId }, async (trx) => {
      const [row] = await trx('psaInboundMails').where({ id, status: 'received' })
        .update({ attempts: trx.raw('attempts + 1'), lastError: message, status: trx.raw('case when attempts + 1 >= ? then \'failed\' else status end', [MAX_ATTEMPTS]) })
        .returning('status');
      return (row?.status === 'failed' ? 'failed' : 'busy') as IntakeOutcome;
    }, deps.knex);
  }
  if (after && deps.temporal && deps.taskQueue) await ticketAfterCommit({ knex: deps.knex, temporal: deps.temporal, taskQueue: deps.taskQueue }, tenantId, after);
  return result;
}

/** Every stored mail not processed yet, in every organisation (run at start and by the periodic sweep). */
export async function processWaitingMail(deps: MailIntakeDeps, options: ProcessOptions): Promise<number> {
  const { rows } = await deps.knex.raw<{ rows: Array<{ id: string }> }>('select id from tenants_with_inbound_mail() as id');
  let processed = 0;
  for (const { id: tenantId } of rows) {
    const waiting: Array<{ id: string }> = await withTenant({ tenantId }, (trx) => trx('psaInboundMails').where({ status: 'received' })
      .orderBy([{ column: 'receivedAt' }, { column: 'id' }]).limit(500).select('id'), deps.knex);
    for (const { id } of waiting) {
      const outcome = await processInboundMail(deps, tenantId, id, options);
      if (outcome !== 'busy') processed++;
    }
  }
  return processed;
}
