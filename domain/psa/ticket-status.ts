import type { TicketStatus } from './ticket.schema';
import { TICKET_MESSAGES, type TicketMessageName } from './ticket-process';

/**
 * The ticket's life (spec 003 §2.3.1: Ouvert, En cours, En attente, Résolu, Fermé). A closed ticket
 * is final (its time is approved, deducted or pre-billed): a new problem is a new ticket. Any ticket
 * still open may be closed directly (a duplicate, spam, a call that settled it).
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['in-progress', 'waiting', 'resolved', 'closed'],
  'in-progress': ['open', 'waiting', 'resolved', 'closed'],
  waiting: ['open', 'in-progress', 'resolved', 'closed'],
  resolved: ['open', 'in-progress', 'closed'],
  closed: [],
};

export function mayMove(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}

/** What a client may do from the portal: confirm a resolution (close it) or say it is not fixed (reopen it). */
export function clientMayMove(from: TicketStatus, to: TicketStatus): boolean {
  return from === 'resolved' && (to === 'closed' || to === 'open');
}

/**
 * The process messages a move sends, in order (ticket-process.ts): leaving `waiting` always resumes
 * the SLA clock first; leaving `resolved` other than to close reopens.
 */
export function messagesOfMove(from: TicketStatus, to: TicketStatus): TicketMessageName[] {
  const out: TicketMessageName[] = [];
  if (from === 'waiting') out.push(TICKET_MESSAGES.resumed);
  if (from === 'resolved' && to !== 'closed') out.push(TICKET_MESSAGES.reopened);
  if (to === 'in-progress' && from === 'open') out.push(TICKET_MESSAGES.started);
  if (to === 'waiting') out.push(TICKET_MESSAGES.waiting);
  if (to === 'resolved') out.push(TICKET_MESSAGES.resolved);
  if (to === 'closed') out.push(TICKET_MESSAGES.closed);
  return out;
}
