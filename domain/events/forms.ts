import { z } from 'zod';
import { cents, optionalText, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import type { FormDefinition } from '../process/forms';

/**
 * The task forms of `events.lead-to-event`. Each task can be done from the
 * task list with its form, or by doing the same work on the records (the
 * record endpoints then tell the process, and the task closes by itself).
 */
const instant = z.string().datetime({ offset: true, message: fieldIssue('field.date-time') });

export const createContractForm: FormDefinition = {
  key: 'events.create-contract',
  title: { fr: 'Créer le contrat', en: 'Create the contract' },
  schema: z.object({
    totalAmountCents: cents.describe('Montant total (centimes)'),
    amountDueCents: cents.optional().describe('Montant restant à payer (centimes)'),
    contractNotes: optionalText(10_000).describe('Notes'),
  }).strict(),
};

export const signContractForm: FormDefinition = {
  key: 'events.sign-contract',
  title: { fr: 'Le client a signé le contrat', en: 'The client signed the contract' },
  schema: z.object({
    signed: z.boolean().refine((v) => v, fieldIssue('field.must-confirm')).describe('Contrat signé'),
  }).strict(),
};

export const createEventForm: FormDefinition = {
  key: 'events.create-event',
  title: { fr: "Créer l'événement", en: 'Create the event' },
  schema: z.object({
    name: requiredText(200).describe("Nom de l'événement"),
    startsAt: instant.describe('Début'),
    endsAt: instant.describe('Fin'),
    location: optionalText(500).describe('Lieu'),
    attendees: z.number().int().min(0).max(1_000_000).optional().describe('Participants'),
    eventNotes: optionalText(10_000).describe('Notes'),
  }).strict().refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), { message: fieldIssue('field.after-start'), path: ['endsAt'] }),
};

export const assignSupportForm: FormDefinition = {
  key: 'events.assign-support',
  title: { fr: 'Désigner le support', en: 'Assign a support contact' },
  schema: z.object({ supportContactId: uuid.describe('Contact support') }).strict(),
};

export const closeEventForm: FormDefinition = {
  key: 'events.close-event',
  title: { fr: "Clôturer l'événement", en: 'Close the event' },
  schema: z.object({ closingNotes: optionalText(10_000).describe('Notes de clôture') }).strict(),
};

export const EVENTS_FORMS = [createContractForm, signContractForm, createEventForm, assignSupportForm, closeEventForm];
