import { z } from 'zod';
import { cents, optionalText, requiredText } from '../core/fields';
import { defineActivity } from '../process/activity-definition';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The service tasks of `events.lead-to-event` (spec 001). Each writes once
 * per task execution: a retried or replayed task finds its own earlier write
 * (records created by a task get an id derived from the task's key).
 */
const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const retry = { maximumAttempts: 5 };

export const eventsCreateContract = defineActivity({
  name: 'events.create-contract',
  description: { fr: 'Crée le contrat du client (montants saisis dans la tâche)', en: "Creates the client's contract (amounts from the task)" },
  input: z.object({ clientId: uuid, totalAmountCents: cents, amountDueCents: cents.nullable().optional(), notes: optionalText(10_000) }).strict(),
  output: z.object({ contractId: uuid, contractNumber: z.number().int() }),
  retry,
});

export const eventsSignContract = defineActivity({
  name: 'events.sign-contract',
  description: { fr: 'Marque le contrat comme signé', en: 'Marks the contract signed' },
  input: z.object({ contractId: uuid }).strict(),
  output: z.object({ signed: z.boolean() }),
  retry,
});

export const eventsCreateEvent = defineActivity({
  name: 'events.create-event',
  description: { fr: "Crée l'événement d'un contrat signé", en: 'Creates the event of a signed contract' },
  input: z.object({
    contractId: uuid, name: requiredText(200), startsAt: instant, endsAt: instant,
    location: optionalText(500), attendees: z.number().int().min(0).nullable().optional(), notes: optionalText(10_000),
  }).strict(),
  output: z.object({ eventId: uuid, eventStartsAt: z.string(), eventEndsAt: z.string() }),
  retry,
  errors: {
    'contract-not-signed': { fr: "Le contrat n'est pas signé : un événement ne se crée que pour un contrat signé", en: 'The contract is not signed: an event is created only for a signed contract' },
  },
});

export const eventsAssignSupport = defineActivity({
  name: 'events.assign-support',
  description: { fr: "Désigne le contact support de l'événement", en: 'Assigns the support contact of the event' },
  input: z.object({ eventId: uuid, supportContactId: uuid }).strict(),
  output: z.object({ supportContactId: uuid }),
  retry,
});

export const eventsCloseEvent = defineActivity({
  name: 'events.close-event',
  description: { fr: "Clôture l'événement avec les notes du support", en: "Closes the event with support's notes" },
  input: z.object({ eventId: uuid, notes: optionalText(10_000) }).strict(),
  output: z.object({ closed: z.boolean() }),
  retry,
  errors: {
    'event-not-over': { fr: "L'événement n'est pas terminé : il se clôture une fois passé", en: 'The event is not over yet: it is closed once it has ended' },
  },
});

export const eventsLoadContract = defineActivity({
  name: 'events.load-contract',
  description: { fr: 'Lit le statut et le reste à payer du contrat', en: "Reads the contract's status and amount due" },
  input: z.object({ contractId: uuid }).strict(),
  output: z.object({ signed: z.boolean(), amountDueCents: z.number().int() }),
  retry,
});

export const notificationKind = z.enum(['support-assigned', 'event-reminder', 'escalation-no-support', 'payment-reminder']);

export const eventsNotify = defineActivity({
  name: 'events.notify',
  description: {
    fr: "Prévient par e-mail le support désigné, la gestion (escalade) ou le commercial (relance de paiement)",
    en: 'Emails the assigned support contact, management (escalation) or the sales contact (payment reminder)',
  },
  input: z.object({ kind: notificationKind, eventId: uuid.optional(), contractId: uuid.optional() }).strict()
    .refine((v) => v.eventId || v.contractId, { message: fieldIssue('field.give-one-of'), params: { names: ['eventId', 'contractId'] }, path: ['eventId'] }),
  output: z.object({ sent: z.number().int(), recipients: z.number().int() }),
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 60_000,
});

export const EVENTS_ACTIVITIES = [
  eventsCreateContract, eventsSignContract, eventsCreateEvent, eventsAssignSupport, eventsCloseEvent, eventsLoadContract, eventsNotify,
];
