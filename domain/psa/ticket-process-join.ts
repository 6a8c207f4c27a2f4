import { TICKET_MESSAGES, type TicketMessageName } from './ticket-process';

/**
 * A ticket written without `openTicket` (the demo, seeded before Temporal is up) has no
 * `psa.ticket-to-invoice` instance: it joins its process where its record stands (ADR 0005's
 * late join, for tickets: api/psa/tickets.join.ts). Pure: which tickets join, and what their new
 * instance hears at its start.
 *
 * - Only tickets still being handled join (open, in progress, waiting for the client); resolved and
 *   closed ones stay records only (their SLA is over; their time and pre-billing do not need the process).
 * - The instance plans its SLA from the ticket's real opening (`created_at`) and paused minutes, so
 *   the escalation timers already past fire at once, each at its own instant; a level the records
 *   already hold (`psa_ticket_sla_events`) is recorded nothing more, so a demo breach stays as it was.
 * - A waiting ticket's instance hears `psa.ticket-waiting` from its first step (its clock stays paused
 *   since the instant the records say, until the ticket resumes).
 */
export const JOINING_STATUSES = ['open', 'in-progress', 'waiting'] as const;

export interface TicketJoinMessage {
  name: TicketMessageName;
  variables: Record<string, unknown>;
}

/** Whether a ticket in this status joins its process (it is still being handled). */
export function joinsTicketProcess(status: string): boolean {
  return (JOINING_STATUSES as readonly string[]).includes(status);
}

/** The messages a joining ticket's instance finds in its inbox, in order. */
export function ticketJoinMessages(ticket: { id: string; status: string }): TicketJoinMessage[] {
  if (ticket.status === 'waiting') return [{ name: TICKET_MESSAGES.waiting, variables: { status: 'waiting', ticketId: ticket.id } }];
  return [];
}
