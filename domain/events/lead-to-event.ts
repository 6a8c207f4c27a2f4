/**
 * The `events.lead-to-event` process (spec 001): its key, the messages the
 * records send it when work is done outside its task list, and the default
 * durations it receives as variables (tests shorten them).
 */
export const LEAD_TO_EVENT = 'events.lead-to-event';

/** Sent by the record endpoints: the matching task is done, whoever did it and however. */
export const LEAD_TO_EVENT_MESSAGES = {
  contractCreated: 'events.contract-created',
  contractSigned: 'events.contract-signed',
  eventCreated: 'events.event-created',
  supportAssigned: 'events.support-assigned',
  eventClosed: 'events.event-closed',
  /** New dates: the reminder and the end of the event move with them. */
  eventRescheduled: 'events.event-rescheduled',
} as const;

export interface LeadToEventDurations {
  /** Escalate to management when no support is assigned this long before the start (spec: 14 days). */
  escalationLead: string;
  /** Remind the support contact this long before the start. */
  reminderLead: string;
  /** Between two payment reminders to the sales contact while an amount is due after the event. */
  paymentReminderInterval: string;
}

export const DEFAULT_LEAD_TO_EVENT_DURATIONS: LeadToEventDurations = {
  escalationLead: 'P14D',
  reminderLead: 'P2D',
  paymentReminderInterval: 'P7D',
};

export function leadToEventVariables(client: { id: string; salesContactId: string | null }, durations = DEFAULT_LEAD_TO_EVENT_DURATIONS) {
  return { clientId: client.id, salesContactId: client.salesContactId, ...durations };
}
