import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { logger } from '../../config/logger';
import { ConflictError, ForbiddenError, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { processContext } from '../core/process-context';
import { appendHistoryAs, createRecord, loadFor, present, type RequestContext } from '../core/record-service';
import { buildAbility, canOn, type Principal } from '../identity/ability';
import { isClientUser, psaTickets } from './ticket-resource';
import {
  deliverTicketMessages, queueTicketMessage, requestTicketProcess, startTicketProcess, ticketProcessVariables, TICKET_MESSAGES,
  type TicketMessageName,
} from './ticket-process';
import { clientMayMove, mayMove, messagesOfMove, TICKET_TRANSITIONS } from './ticket-status';
import type { TicketComment, TicketCreate, TicketSource, TicketStatus } from './ticket.schema';
import { ticketsMessage as m } from './tickets.messages';

/**
 * What happens to a ticket (spec 003 §2.3.1), for every way in: the API, the portal, e-mail intake,
 * the RMM later, the ticket's own process. Each action runs in the caller's transaction and answers
 * the buffered process messages it wrote (ticket-process.ts: their names are the contract with the
 * BPMN `psa.ticket-to-invoice`); once the transaction committed, the caller runs
 * `ticketAfterCommit` (starts the process, hands the messages to a waiting instance). If it never
 * runs (a crash), nothing is lost: the start request and the messages are in the database and
 * served when the API next starts.
 *
 * Process messages (correlation key: the ticket's id): `psa.ticket-assigned`,
 * `psa.ticket-first-response`, `psa.ticket-priority-changed`, `psa.ticket-started`,
 * `psa.ticket-waiting`, `psa.ticket-resumed`, `psa.ticket-resolved`, `psa.ticket-reopened`,
 * `psa.ticket-closed` (`by`: client | staff | process), `psa.ticket-client-replied`.
 */
type Row = Record<string, unknown>;

/** Who acts without a person signed in: e-mail intake, an RMM alert, the ticket's process, the demo seed. */
export interface SystemActor {
  system: 'email' | 'portal' | 'rmm' | 'process' | 'demo';
  tenantId: string;
  /** The person the system acts for, credited in the history (a process's latest task's assignee). */
  actorUserId?: string | null;
  requestId?: string;
}
/** A signed-in person (an API request's context, or just their principal) or a system. */
export type TicketActor = { principal: Principal; ability?: RequestContext['ability']; requestId?: string; actorUserId?: string | null } | SystemActor;

const SYSTEM_PERMISSIONS = ['psa.ticket.read', 'psa.ticket.create', 'psa.ticket.update', 'core.account.read'];

/** The request context an actor acts in (a system: every ticket of its organisation, nothing else). */
export function ticketContext(trx: Knex.Transaction, actor: TicketActor): RequestContext {
  if ('system' in actor) return processContext(trx, actor.tenantId, actor.requestId ?? `psa/${actor.system}`, SYSTEM_PERMISSIONS, actor.actorUserId ?? null);
  return { trx, principal: actor.principal, ability: actor.ability ?? buildAbility(actor.principal), requestId: actor.requestId, actorUserId: actor.actorUserId };
}

/** What an action leaves for after the commit. */
export interface TicketOutcome {
  ticket: Row;
  /** Buffered process messages written in the transaction (ticketAfterCommit hands them over). */
  messageIds: string[];
  /** Whether the ticket's process was asked for (a new ticket). */
  startRequested: boolean;
}

export interface OpenTicketInput extends Partial<Omit<TicketCreate, 'accountId' | 'title'>> {
  accountId: string;
  title: string;
  source?: TicketSource;
  /** E-mail intake: who wrote, and the Message-ID of the first mail (threading). */
  requesterEmail?: string | null;
  threadMessageId?: string | null;
  /** An id derived from an idempotency key (a process's service task): opening it again answers the same ticket. */
  id?: string;
}

/**
 * Opens a ticket: numbered (`psa-ticket`), its contract the client's active one unless named, its SLA
 * policy the contract's or the organisation's default, its source `portal` for a client user; its
 * process `psa.ticket-to-invoice` asked for in the same transaction.
 */
export async function openTicket(trx: Knex.Transaction, actor: TicketActor, input: OpenTicketInput): Promise<TicketOutcome> {
  const ctx = ticketContext(trx, actor);
  const { id, ...data } = input;
  const ticket = await createRecord(ctx, psaTickets, data, id ? { id } : {});
  if (id) {
    const asked = await trx('processStartRequests').where({ processKey: 'psa.ticket-to-invoice', businessKey: id }).first('id');
    if (asked) return { ticket, messageIds: [], startRequested: true };
  }
  await requestTicketProcess(trx, ctx.principal.tenantId, ticketProcessVariables(ticket));
  const messageIds: string[] = [];
  if (ticket.assigneeId) messageIds.push(await queueTicketMessage(trx, ctx.principal.tenantId, String(ticket.id), TICKET_MESSAGES.assigned, assignment(ticket)));
  return { ticket, messageIds, startRequested: true };
}

function assignment(ticket: Row): Record<string, unknown> {
  return { assigneeId: ticket.assigneeId ?? null, teamId: ticket.teamId ?? null, queueId: ticket.queueId ?? null };
}

/**
 * The messages a change of what people set sends (PATCH, bulk): a new assignee (triage done, or a
 * hand-over) and a new priority (the targets change). Called in the change's transaction.
 */
export async function ticketChangeMessages(ctx: RequestContext, patch: Row, ticket: Row): Promise<string[]> {
  const ids: string[] = [];
  const id = String(ticket.id);
  if (patch.assigneeId !== undefined && ticket.assigneeId) ids.push(await queueTicketMessage(ctx.trx, ctx.principal.tenantId, id, TICKET_MESSAGES.assigned, assignment(ticket)));
  if (patch.priority !== undefined) ids.push(await queueTicketMessage(ctx.trx, ctx.principal.tenantId, id, TICKET_MESSAGES.priorityChanged, { priority: ticket.priority }));
  return ids;
}

export interface StatusChange {
  status: TicketStatus;
  /** Why: written on the ticket as a note (internal from the team, public from the client). */
  note?: string | null;
}

/**
 * Moves a ticket along its life (ticket-status.ts): the team with `psa.ticket.update` on it; a client
 * user only confirms a resolution (→ closed) or reopens a resolved ticket (→ open). `resolvedAt` and
 * `closedAt` follow; the change is on the ticket's history; the process hears it.
 */
export async function changeTicketStatus(trx: Knex.Transaction, actor: TicketActor, ticketId: string, change: StatusChange, expected?: ExpectedVersion): Promise<TicketOutcome> {
  const ctx = ticketContext(trx, actor);
  const client = isClientUser(ctx.principal);
  const current = await loadFor(ctx, psaTickets, ticketId, client ? 'read' : 'update', true);
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(present(ctx, psaTickets, current));
  const from = current.status as TicketStatus;
  const to = change.status;
  const number = Number(current.number);
  if (from === to) throw new ConflictError(m('psa.tickets.same-status', { number, status: to }));
  if (client && !clientMayMove(from, to)) throw new ForbiddenError(m('psa.tickets.client-status'));
  if (!mayMove(from, to)) throw new ConflictError(m('psa.tickets.transition-refused', { number, from, to, allowed: [...TICKET_TRANSITIONS[from]] }));
  const set: Row = { status: to, version: Number(current.version) + 1, updatedAt: trx.fn.now() };
  if (to === 'resolved') set.resolvedAt = trx.fn.now();
  if (from === 'resolved' && to !== 'closed') set.resolvedAt = null;
  if (to === 'closed') set.closedAt = trx.fn.now();
  await trx('psaTickets').where({ id: ticketId }).update(set);
  const after = await loadFor(ctx, psaTickets, ticketId, 'read');
  const changes: Row = { status: { before: from, after: to } };
  for (const field of ['resolvedAt', 'closedAt'] as const) {
    const [b, a] = [present(ctx, psaTickets, current)[field] ?? null, present(ctx, psaTickets, after)[field] ?? null];
    if (b !== a) changes[field] = { before: b, after: a };
  }
  await appendHistoryAs(ctx, { recordType: psaTickets.recordType, recordId: ticketId, action: to === 'closed' ? 'close' : 'update', changes });
  if (change.note) await insertComment(ctx, after, { body: change.note, visibility: client ? 'public' : 'internal' });
  const system = 'system' in actor ? actor.system : null;
  const by = client || system === 'portal' || system === 'email' ? 'client' : system === 'process' ? 'process' : 'staff';
  const messageIds: string[] = [];
  for (const name of messagesOfMove(from, to)) {
    messageIds.push(await queueTicketMessage(trx, ctx.principal.tenantId, ticketId, name, moveVariables(name, after, from, by)));
  }
  return { ticket: present(ctx, psaTickets, after), messageIds, startRequested: false };
}

function moveVariables(name: TicketMessageName, ticket: Row, from: TicketStatus, by: string): Record<string, unknown> {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
  if (name === TICKET_MESSAGES.resolved) return { resolvedAt: iso(ticket.resolvedAt) };
  if (name === TICKET_MESSAGES.closed) return { closedAt: iso(ticket.closedAt), by, fromStatus: from };
  if (name === TICKET_MESSAGES.reopened) return { status: ticket.status, by };
  return { status: ticket.status };
}

export interface CommentInput {
  body: string;
  visibility?: 'public' | 'internal';
  /** E-mail intake: the sender's address and the mail's Message-ID (a second delivery of the same mail adds nothing). */
  authorEmail?: string | null;
  messageId?: string | null;
}

async function insertComment(ctx: RequestContext, ticket: Row, input: CommentInput & { source?: 'web' | 'portal' | 'email' }): Promise<Row> {
  const client = isClientUser(ctx.principal);
  const source = input.source ?? (client ? 'portal' : 'web');
  const [row] = await ctx.trx('psaTicketComments').insert({
    tenantId: ctx.principal.tenantId, ticketId: ticket.id, authorId: ctx.principal.userId ?? ctx.actorUserId ?? null,
    authorEmail: input.authorEmail ?? null, visibility: input.visibility ?? 'public', source, body: input.body,
    messageId: input.messageId ?? null, createdBy: ctx.principal.userId ?? null,
  }).returning('*');
  return row as Row;
}

/**
 * Writes on a ticket: a reply to the client (public) or an internal note. The team needs
 * `psa.ticket.update` on the ticket; a client user writes public replies on its company's tickets
 * (a reply on a resolved ticket reopens it, on a waiting one puts it back in progress). The team's
 * first public reply sets `firstResponseAt` (the response target is met). A closed ticket takes no
 * more comments. A mail's Message-ID already recorded answers the comment it brought.
 */
export async function addTicketComment(trx: Knex.Transaction, actor: TicketActor, ticketId: string, input: CommentInput): Promise<TicketOutcome & { comment: TicketComment }> {
  const ctx = ticketContext(trx, actor);
  const client = isClientUser(ctx.principal);
  const ticket = await loadFor(ctx, psaTickets, ticketId, 'read', true);
  if (!client && !canOn(ctx.ability, 'update', psaTickets.subject, factsFor(ticket))) throw new ForbiddenError(m('psa.tickets.comment-forbidden'));
  if (client && input.visibility === 'internal') throw new ForbiddenError(m('psa.tickets.internal-note-client'));
  if (input.messageId) {
    const known = await trx('psaTicketComments').where({ messageId: input.messageId }).first('id');
    if (known) return { ticket: present(ctx, psaTickets, ticket), messageIds: [], startRequested: false, comment: await commentById(trx, known.id) };
  }
  if (ticket.status === 'closed') throw new ConflictError(m('psa.tickets.closed', { number: Number(ticket.number) }));
  const fromEmail = 'system' in actor && actor.system === 'email';
  const comment = await insertComment(ctx, ticket, { ...input, source: fromEmail ? 'email' : undefined });
  const fromClient = client || (fromEmail && !comment.authorId);
  const messageIds: string[] = [];
  const tenantId = ctx.principal.tenantId;
  if (!fromClient && comment.visibility === 'public' && !ticket.firstResponseAt) {
    await trx('psaTickets').where({ id: ticketId }).update({ firstResponseAt: trx.fn.now() });
    messageIds.push(await queueTicketMessage(trx, tenantId, ticketId, TICKET_MESSAGES.firstResponse, { firstResponseAt: new Date().toISOString() }));
  }
  let outcome: TicketOutcome | undefined;
  if (fromClient) {
    messageIds.push(await queueTicketMessage(trx, tenantId, ticketId, TICKET_MESSAGES.clientReplied, { commentId: comment.id, source: comment.source }));
    // The client answered: a resolved ticket is not fixed after all, a waiting one has what it waited for.
    const next: TicketStatus | null = ticket.status === 'resolved' ? 'open' : ticket.status === 'waiting' ? (ticket.assigneeId ? 'in-progress' : 'open') : null;
    // The reply moves the ticket as the portal (or the mailbox) would, credited to its writer.
    if (next) outcome = await changeTicketStatus(trx, { system: fromEmail ? 'email' : 'portal', tenantId, actorUserId: comment.authorId as string | null }, ticketId, { status: next });
  }
  const after = outcome?.ticket ?? present(ctx, psaTickets, await loadFor(ctx, psaTickets, ticketId, 'read'));
  return { ticket: after, messageIds: [...messageIds, ...(outcome?.messageIds ?? [])], startRequested: false, comment: await commentById(trx, comment.id as string) };
}

function factsFor(row: Row) {
  return { accountId: (row.factAccountId as string) ?? null, ownerId: (row.factOwnerId as string) ?? null, supportUserId: (row.factSupportUserId as string) ?? null, createdBy: (row.createdBy as string) ?? null };
}

const COMMENT_COLUMNS = ['c.id', 'c.ticketId', 'c.authorId', 'u.displayName as authorName', 'c.authorEmail', 'c.visibility', 'c.source', 'c.body', 'c.createdAt'];
const asComment = (r: Row) => ({ ...r, createdAt: (r.createdAt as Date).toISOString() }) as TicketComment;

async function commentById(trx: Knex.Transaction, id: unknown): Promise<TicketComment> {
  const [row] = await trx('psaTicketComments as c').leftJoin('users as u', 'u.id', 'c.authorId').where('c.id', String(id)).select(COMMENT_COLUMNS);
  return asComment(row as Row);
}

/** A ticket's comments, oldest first; a client user never sees internal notes. */
export async function listTicketComments(trx: Knex.Transaction, actor: TicketActor, ticketId: string): Promise<TicketComment[]> {
  const ctx = ticketContext(trx, actor);
  await loadFor(ctx, psaTickets, ticketId, 'read');
  const rows: Row[] = await trx('psaTicketComments as c').leftJoin('users as u', 'u.id', 'c.authorId').where('c.ticketId', ticketId)
    .modify((qb) => { if (isClientUser(ctx.principal)) qb.where('c.visibility', 'public'); })
    .orderBy([{ column: 'c.createdAt' }, { column: 'c.id' }]).select(COMMENT_COLUMNS);
  return rows.map(asComment);
}

/**
 * After the transaction committed: a new ticket's process started, the messages handed to an
 * instance waiting for them. Failures are logged, never thrown (the change is saved; the API's next
 * start serves what is left).
 */
export async function ticketAfterCommit(
  deps: { knex: Knex; temporal: () => Promise<Client>; taskQueue: string }, tenantId: string, outcome: Pick<TicketOutcome, 'ticket' | 'messageIds' | 'startRequested'>,
): Promise<void> {
  const ticketId = String(outcome.ticket.id);
  try {
    if (outcome.startRequested) await startTicketProcess(deps.knex, await deps.temporal(), deps.taskQueue, tenantId, ticketId);
    if (outcome.messageIds.length) await deliverTicketMessages(deps.knex, deps.temporal, tenantId, outcome.messageIds);
  } catch (error) {
    logger.warn({ err: error, tenantId, ticketId }, 'a ticket\'s process was not reached after its change; the next start of the API does it');
  }
}

/**
 * After a change on the tickets' other records committed (time approved, « Facturer »): the messages
 * it wrote for the tickets' processes handed to the instances waiting for them. Failures are logged,
 * never thrown (the API's next start hands over what is left).
 */
export async function ticketMessagesAfterCommit(deps: { knex: Knex; temporal: () => Promise<Client> }, tenantId: string, messageIds: readonly string[]): Promise<void> {
  if (!messageIds.length) return;
  try {
    await deliverTicketMessages(deps.knex, deps.temporal, tenantId, messageIds);
  } catch (error) {
    logger.warn({ err: error, tenantId }, 'tickets\' processes were not reached after a change of their time or billing; the next start of the API does it');
  }
}

