import { Router } from 'express';
import { ForbiddenError } from '../../domain/errors';
import type { RequestContext } from '../../domain/core/record-service';
import { recordTimeline } from '../../domain/core/history-names';
import { addTicketComment, changeTicketStatus, listTicketComments, openTicket, ticketAfterCommit, ticketChangeMessages, type TicketOutcome } from '../../domain/psa/ticket-actions';
import { listTicketAttachments } from '../../domain/psa/mail-attachments';
import { isClientUser, psaTickets } from '../../domain/psa/ticket-resource';
import { ticketCommentCreate, ticketCreate, ticketStatusChange } from '../../domain/psa/ticket.schema';
import { ticketsMessage as m } from '../../domain/psa/tickets.messages';
import { env } from '../../config/env';
import { queueTicketReplyMail } from '../../domain/psa/mail-intake-replies';
import { recordRouter } from '../core/record.router';
import { startReplyMail } from './ticket-reply-mails';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/psa/tickets` (spec 003 §2.3.1): open a ticket (`{ accountId, title, priority, contractId? }`),
 * the generic record endpoints (list with filters and the SLA order, read, change, delete, history),
 * the status action, comments, the timeline, the pickers' queues and technicians. Each change reaches
 * the ticket's process once committed (domain/psa/ticket-process.ts).
 */
export function ticketsRouter(deps: ApiDeps): Router {
  const router = Router();
  const after = (ctx: RequestContext, outcome: TicketOutcome) => () => ticketAfterCommit(deps, ctx.principal.tenantId, outcome);

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const outcome = await openTicket(ctx.trx, ctx, validate(ticketCreate, req.body));
    const { ticket } = outcome;
    return { status: 201, body: ticket, headers: { ETag: etagOf(ticket.version), Location: `${req.baseUrl}/${String(ticket.id)}` }, afterCommit: after(ctx, outcome) };
  })));

  router.post('/:id/status', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const outcome = await changeTicketStatus(ctx.trx, ctx, String(req.params.id), validate(ticketStatusChange, req.body), expectedVersion(req, false));
    return { body: outcome.ticket, headers: { ETag: etagOf(outcome.ticket.version) }, afterCommit: after(ctx, outcome) };
  })));

  router.get('/:id/comments', inTenant(deps, async (req, ctx) => ({ body: { items: await listTicketComments(ctx.trx, ctx, String(req.params.id)) } })));
  router.post('/:id/comments', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const outcome = await addTicketComment(ctx.trx, ctx, String(req.params.id), validate(ticketCommentCreate, req.body));
    // A public reply on an e-mail ticket is mailed to its requester, threaded (domain/psa/mail-intake-replies.ts).
    const mail = await queueTicketReplyMail(ctx.trx, ctx.principal.tenantId, outcome.comment.id, env().RELAIS_MAIL_DOMAIN);
    const sent = after(ctx, outcome);
    return {
      status: 201, body: { comment: outcome.comment, ticket: outcome.ticket },
      // Not started now (the engine away): the mail intake's sweep starts it within a minute.
      afterCommit: async () => { await sent(); if (mail) await startReplyMail(deps, ctx.principal.tenantId, mail).catch(() => undefined); },
    };
  })));

  /** The ticket's story, newest first: comments (a client reads only public ones), changes from its history, time entries (for the team), attachments kept from mail. */
  router.get('/:id/timeline', inTenant(deps, async (req, ctx) => {
    const id = String(req.params.id);
    const [comments, history] = [await listTicketComments(ctx.trx, ctx, id), await recordTimeline(ctx, psaTickets, id)];
    const time = ctx.ability.can('read', 'PsaTimeEntry') ? await ctx.trx('psaTimeEntries as e').leftJoin('users as u', 'u.id', 'e.userId').where('e.ticketId', id)
      .select('e.id', 'e.startedAt', 'e.minutes', 'e.kind', 'e.status', 'e.description', 'e.userId', 'u.displayName as userName') : [];
    const attachments = await listTicketAttachments(ctx.trx, id, isClientUser(ctx.principal));
    const items = [
      ...comments.map((c) => ({ kind: 'comment' as const, at: c.createdAt, comment: c })),
      ...attachments.map((a) => ({ kind: 'attachment' as const, at: a.createdAt, attachment: a })),
      ...history.map((h) => ({ kind: 'change' as const, at: h.at, change: h })),
      ...time.map((t: Record<string, unknown>) => ({ kind: 'time' as const, at: (t.startedAt as Date).toISOString(), time: { ...t, startedAt: (t.startedAt as Date).toISOString() } })),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { body: { items } };
  }));

  /** The queues a ticket may wait in (the pickers). */
  router.get('/queues', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('update', psaTickets.subject)) throw new ForbiddenError(m('psa.tickets.comment-forbidden'));
    return { body: { items: await ctx.trx('psaQueues').orderBy('name').select('id', 'name') } };
  }));
  /** Who a ticket may be assigned to: the organisation's active team members (not client users). */
  router.get('/assignees', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('update', psaTickets.subject)) throw new ForbiddenError(m('psa.tickets.comment-forbidden'));
    return { body: { items: await ctx.trx('users').where({ active: true }).whereIn('type', ['internal', 'technician']).orderBy('displayName').select('id', 'displayName') } };
  }));

  router.use('/', recordRouter(deps, psaTickets, {
    updated: async (ctx, patch, ticket) => {
      const messageIds = await ticketChangeMessages(ctx, patch, ticket);
      return messageIds.length ? after(ctx, { ticket, messageIds, startRequested: false }) : undefined;
    },
  }));
  return router;
}
