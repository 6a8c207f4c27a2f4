import { LEAD_TO_EVENT_MESSAGES as MSG } from './lead-to-event';

/**
 * A client whose records got ahead of its `events.lead-to-event` instance (or
 * that has none: the demo book, the import) joins the process where it stands:
 * its instance is started and hears, in order, the messages the record
 * endpoints would have sent (ADR 0005). Pure: which messages, for which records.
 */

/** The client's current deal: its latest contract and that contract's latest event. */
export interface ClientStanding {
  contract: { id: string; signed: boolean } | null;
  event: { id: string; startsAt: Date; endsAt: Date; supportContactId: string | null; closedAt: Date | null } | null;
}

export interface JoinMessage {
  name: string;
  variables: Record<string, unknown>;
}

/**
 * An event over for longer than this that nobody closed is history, not work
 * waiting (the legacy spreadsheet's past events): its client stays records only.
 * Within it, the process waits at « Clôturer l'événement ».
 */
export const CLOSING_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * The messages that bring a new instance to where the client's records stand,
 * in the order they must be heard; `[]` when there is no contract yet (the
 * instance waits at « Créer le contrat »); null when the client is done (its
 * event is closed, or over for more than the closing window): no process.
 *
 * Dates in the past are fine: the process's timers computed from them (the
 * reminder before the event, its end, the escalation 14 days before the start)
 * fire at once.
 */
export function messagesToJoin(standing: ClientStanding, now: Date): JoinMessage[] | null {
  const { contract, event } = standing;
  if (!contract) return [];
  const contractId = contract.id;
  const messages: JoinMessage[] = [{ name: MSG.contractCreated, variables: { contractId } }];
  if (!contract.signed) return messages;
  messages.push({ name: MSG.contractSigned, variables: { contractId } });
  if (!event) return messages;
  if (event.closedAt) return null;
  if (event.endsAt.getTime() < now.getTime() - CLOSING_WINDOW_DAYS * DAY_MS) return null;
  messages.push({
    name: MSG.eventCreated,
    variables: { contractId, eventId: event.id, eventStartsAt: event.startsAt.toISOString(), eventEndsAt: event.endsAt.toISOString() },
  });
  if (event.supportContactId) messages.push({ name: MSG.supportAssigned, variables: { supportContactId: event.supportContactId } });
  return messages;
}
