import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { uuid } from '../core/fields';
import type { RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { mailIntakeMessage as m } from './mail-intake.messages';
import { intakeAddressOf, rawHeader } from './mail-intake-store';
import { ticketTitleOf } from './mail-intake';
import { mailAttachmentsFor, refusedAttachmentsNote, storeMailAttachments } from './mail-attachments';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { isClientUser } from './ticket-resource';
import { openTicket, type TicketOutcome } from './ticket-actions';

/**
 * Triage of the mail no client matched (`unknown-sender`) or that could not be processed (`failed`):
 * visible to the team that opens tickets for every client (GET /api/v1/psa/inbound-mails), who files
 * each one on the right client (a ticket opened as the mail would have: source email, requester,
 * thread Message-ID, so the sender's next answers thread into it) or discards it. Kept in the database,
 * never lost; not a task per mail, because spam would flood the task lists: one list to sort instead.
 */
type Row = Record<string, unknown>;

export const INBOUND_STATUSES = ['received', 'ticket', 'comment', 'unknown-sender', 'discarded', 'failed'] as const;
const TO_SORT = ['unknown-sender', 'failed'];

export const inboundMail = z.object({
  id: z.string().uuid(),
  receivedAt: z.string(),
  status: z.enum(INBOUND_STATUSES),
  senderEmail: z.string().nullable(),
  senderName: z.string().nullable(),
  subject: z.string().nullable(),
  excerpt: z.string().nullable(),
  sizeBytes: z.number().int(),
  accountId: z.string().uuid().nullable(),
  ticketId: z.string().uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  lastError: z.string().nullable(),
});

export const inboundMailAssign = z.object({ accountId: uuid, contactId: uuid.nullable().optional() }).strict();

function requireTriage(ctx: RequestContext): void {
  if (isClientUser(ctx.principal) || !ctx.ability.can('create', 'PsaTicket')) throw new ForbiddenError(m('psa.mail-intake.forbidden'));
}

function present(row: Row): z.infer<typeof inboundMail> {
  return {
    id: String(row.id), receivedAt: (row.receivedAt as Date).toISOString(), status: row.status as z.infer<typeof inboundMail>['status'],
    senderEmail: (row.senderEmail as string) ?? null, senderName: (row.senderName as string) ?? null, subject: (row.subject as string) ?? null,
    excerpt: (row.excerpt as string) ?? null, sizeBytes: Number(row.sizeBytes), accountId: (row.accountId as string) ?? null,
    ticketId: (row.ticketId as string) ?? null, ticketNumber: row.ticketNumber === null || row.ticketNumber === undefined ? null : Number(row.ticketNumber),
    // Only for mail that failed: the other statuses' note (automatic-reply, loop) is a reason code.
    lastError: (row.lastError as string) ?? null,
  };
}

const COLUMNS = ['m.id', 'm.receivedAt', 'm.status', 'm.senderEmail', 'm.senderName', 'm.subject', 'm.excerpt', 'm.sizeBytes', 'm.accountId', 'm.ticketId', 'm.lastError', 't.number as ticketNumber'];

/** The received mail in the given statuses (default: those to sort), newest first, at most 200. */
export async function listInboundMails(ctx: RequestContext, status: string | undefined): Promise<Array<z.infer<typeof inboundMail>>> {
  requireTriage(ctx);
  const wanted = status ? status.split(',').map((s) => s.trim()).filter(Boolean) : TO_SORT;
  if (!wanted.length || wanted.some((s) => !(INBOUND_STATUSES as readonly string[]).includes(s))) {
    throw new ValidationError([{ field: 'status', message: m('psa.mail-intake.status-filter') }]);
  }
  const rows: Row[] = await ctx.trx('psaInboundMails as m').leftJoin('psaTickets as t', 't.id', 'm.ticketId').whereIn('m.status', wanted)
    .orderBy([{ column: 'm.receivedAt', order: 'desc' }, { column: 'm.id', order: 'desc' }]).limit(200).select(COLUMNS);
  return rows.map(present);
}

async function waitingMail(ctx: RequestContext, id: string): Promise<Row> {
  const row: Row | undefined = z.string().uuid().safeParse(id).success ? await ctx.trx('psaInboundMails').where({ id }).forUpdate().first() : undefined;
  if (!row) throw new NotFoundError({ fr: 'courriel reçu', en: 'received mail' });
  if (!TO_SORT.includes(String(row.status))) throw new ConflictError(m('psa.mail-intake.not-waiting', { status: String(row.status) }));
  return row;
}

async function reread(ctx: RequestContext, id: string) {
  return present(await ctx.trx('psaInboundMails as m').leftJoin('psaTickets as t', 't.id', 'm.ticketId').where('m.id', id).first(COLUMNS));
}

/** Files a mail on a client: opens its ticket (as the person sorting, with their rights on that client). */
export async function assignInboundMail(ctx: RequestContext, id: string, input: z.infer<typeof inboundMailAssign>, storage?: DocumentStorage): Promise<{ mail: z.infer<typeof inboundMail>; outcome: TicketOutcome }> {
  requireTriage(ctx);
  const row = await waitingMail(ctx, id);
  const subject = (row.subject as string | null) ?? rawHeader(row.raw as Buffer, 'subject');
  const parsed = await simpleParser(row.raw as Buffer, { skipImageLinks: true, skipTextToHtml: true });
  // Its attachments as a mail from a known sender's (mail-attachments.ts): kept on the ticket within the limits, the others named.
  const { kept, refused } = mailAttachmentsFor(parsed.attachments, storage);
  const note = refusedAttachmentsNote(refused);
  const outcome = await openTicket(ctx.trx, ctx, {
    accountId: input.accountId, contactId: input.contactId ?? null, title: ticketTitleOf(subject ?? undefined),
    description: `${(parsed.text ?? '').trim().slice(0, 20_000 - note.length)}${note}` || null,
    priority: 'normal', source: 'email', requesterEmail: (row.senderEmail as string | null) ?? null, threadMessageId: String(row.messageId),
  });
  if (storage) {
    await storeMailAttachments(ctx.trx, storage, { tenantId: ctx.principal.tenantId, ticketId: String(outcome.ticket.id), accountId: input.accountId, commentId: null, inboundMailId: id }, kept);
  }
  await ctx.trx('psaInboundMails').where({ id }).update({ status: 'ticket', ticketId: outcome.ticket.id, accountId: input.accountId, triagedBy: ctx.principal.userId, processedAt: ctx.trx.fn.now() });
  return { mail: await reread(ctx, id), outcome };
}

/** Sets a mail aside (spam, a wrong address): kept, out of the list to sort. */
export async function discardInboundMail(ctx: RequestContext, id: string): Promise<z.infer<typeof inboundMail>> {
  requireTriage(ctx);
  await waitingMail(ctx, id);
  await ctx.trx('psaInboundMails').where({ id }).update({ status: 'discarded', lastError: 'triage', triagedBy: ctx.principal.userId, processedAt: ctx.trx.fn.now() });
  return reread(ctx, id);
}

/** The address the organisation's clients write to. */
export async function intakeAddress(ctx: RequestContext, mailDomain: string): Promise<string> {
  requireTriage(ctx);
  const tenant = await ctx.trx('tenants').first('slug');
  return intakeAddressOf(String(tenant.slug), mailDomain);
}
