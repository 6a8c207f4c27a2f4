import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

const instant = z.string().datetime({ offset: true, message: fieldIssue('field.date-time') });

const editable = {
  name: requiredText(200),
  startsAt: instant,
  endsAt: instant,
  /** The support collaborator responsible for the event (assigned by management). */
  supportContactId: uuid.nullable(),
  location: optionalText(500),
  attendees: z.number().int(fieldIssue('field.whole-number')).min(0).max(1_000_000).nullable(),
  notes: optionalText(10_000),
};

const endsAfterStart = (e: { startsAt?: string; endsAt?: string }) => !e.startsAt || !e.endsAt || Date.parse(e.endsAt) > Date.parse(e.startsAt);
const endsAfterStartIssue = { message: fieldIssue('field.after-start'), path: ['endsAt'] };

/**
 * Event organised for a client under a signed contract (spec 001, "Les événements").
 * Sales create it; management then designates its support contact (an update).
 */
const { supportContactId: _assignedLater, ...createFields } = editable;
export const eventCreate = z.object({
  ...createFields,
  contractId: uuid,
  attendees: editable.attendees.optional(),
}).strict().refine(endsAfterStart, endsAfterStartIssue);
export const eventUpdate = z.object(editable).partial().strict().refine(endsAfterStart, endsAfterStartIssue);
export const eventClose = z.object({ notes: optionalText(10_000) }).strict();
export const event = z.object({
  ...recordMeta,
  number: z.number().int(),
  ...editable,
  contractId: z.string().uuid(),
  contractNumber: z.number().int(),
  clientId: z.string().uuid(),
  clientName: z.string(),
  /** How to reach the client (spec 001's "Client contact"): email and phone. */
  clientEmail: z.string().nullable(),
  clientPhone: z.string().nullable(),
  supportContactName: z.string().nullable(),
  status: z.enum(['planned', 'closed']),
  closedAt: z.string().nullable(),
});

export type EventCreate = z.infer<typeof eventCreate>;
export type EventRecord = z.infer<typeof event>;

/** What an import of the legacy spreadsheet answers (domain/events/spreadsheet-import.ts ImportReport), messages in the reader's language. */
export const eventImportReport = z.looseObject({
  filename: z.string().nullable(),
  dryRun: z.boolean(),
  sheets: z.array(z.looseObject({
    sheet: z.string(), title: z.string().nullable(), status: z.enum(['created', 'skipped', 'rejected']),
    eventId: z.string().uuid().optional(), eventNumber: z.number().int().optional(),
    rows: z.array(z.record(z.string(), z.unknown())), created: z.record(z.string(), z.unknown()), messages: z.array(z.string()),
  })),
  totals: z.object({
    sheets: z.number().int(), created: z.number().int(), skipped: z.number().int(), rejected: z.number().int(),
    clientsCreated: z.number().int(), contractsCreated: z.number().int(), warnings: z.number().int(), errors: z.number().int(),
  }),
  processesJoined: z.number().int().describe('Events that joined their client\'s process'),
});
