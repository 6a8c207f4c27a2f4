import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * An agenda entry of the core planning context (issue 14, spec 003 §2.3.3): an intervention
 * (remote or on site, planning a record of a vertical: a ticket, an audit, a field job), an absence
 * (holiday, sick leave, training) or another appointment, of one person, between two instants.
 */
export const ENTRY_KINDS = ['intervention', 'absence', 'appointment'] as const;
export const INTERVENTION_MODES = ['remote', 'on-site'] as const;
export const ABSENCE_REASONS = ['holiday', 'sick', 'training', 'other'] as const;
export const ENTRY_STATUSES = ['planned', 'done', 'cancelled'] as const;

/** An instant with its offset (`2026-12-15T14:00:00+01:00`, `…Z`). */
export const instant = z.iso.datetime({ offset: true, message: fieldIssue('field.date-time') });
/** `psa-ticket`, `audit-mission`: the kind of record an intervention plans. */
const recordType = z.string().regex(/^[a-z][a-z0-9.-]{0,62}$/, fieldIssue('field.invalid'));

const editable = {
  userId: uuid,
  kind: z.enum(ENTRY_KINDS),
  mode: z.enum(INTERVENTION_MODES).nullable().optional(),
  absenceReason: z.enum(ABSENCE_REASONS).nullable().optional(),
  status: z.enum(ENTRY_STATUSES).optional(),
  title: requiredText(200),
  notes: optionalText(4000),
  startsAt: instant,
  endsAt: instant,
  allDay: z.boolean().optional(),
  recordType: recordType.nullable().optional(),
  recordId: uuid.nullable().optional(),
  accountId: uuid.nullable().optional(),
  siteId: uuid.nullable().optional(),
};

export const entryCreate = z.object({ ...editable, userId: uuid.optional() }).strict();
export const entryUpdate = z.object(editable).partial().strict();
export const entry = z.object({
  ...recordMeta,
  userId: z.string().uuid(),
  userName: z.string().nullable(),
  kind: z.enum(ENTRY_KINDS),
  mode: z.enum(INTERVENTION_MODES).nullable(),
  absenceReason: z.enum(ABSENCE_REASONS).nullable(),
  status: z.enum(ENTRY_STATUSES),
  title: z.string(),
  notes: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  allDay: z.boolean(),
  recordType: z.string().nullable(),
  recordId: z.string().uuid().nullable(),
  accountId: z.string().uuid().nullable(),
  accountName: z.string().nullable(),
  siteId: z.string().uuid().nullable(),
  siteName: z.string().nullable(),
});
export type PlanningEntry = z.infer<typeof entry>;

const color = z.string().regex(/^#[0-9a-f]{6}$/, fieldIssue('field.invalid'));
export const teamCreate = z.object({ name: requiredText(120), color: color.nullable().optional() }).strict();
export const teamUpdate = teamCreate.partial().strict();
export const team = z.object({ ...recordMeta, name: z.string(), color: z.string().nullable(), memberIds: z.array(z.string().uuid()) });
