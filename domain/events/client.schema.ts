import { z } from 'zod';
import { email, optionalText, phone, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldIssue('field.iso-date'));
const instant = z.string().datetime({ offset: true, message: fieldIssue('field.date-time') });

const editable = {
  fullName: requiredText(200),
  email,
  phone,
  companyName: optionalText(200),
  /** Date of the first contact (spec 001: "date de création"). */
  firstContactOn: isoDate,
  /** Last update or contact with the client. */
  lastContactAt: instant.nullable(),
  /** The Epic Events salesperson in charge: the creating salesperson by default. */
  salesContactId: uuid.nullable(),
  notes: optionalText(10_000),
};

/** Client of Epic Events (spec 001, "Les clients"). */
export const clientCreate = z.object({
  ...editable,
  firstContactOn: editable.firstContactOn.optional(),
  lastContactAt: editable.lastContactAt.optional(),
  salesContactId: editable.salesContactId.optional(),
}).strict();
export const clientUpdate = z.object(editable).partial().strict();
export const client = z.object({
  ...recordMeta,
  number: z.number().int(),
  ...editable,
  salesContactName: z.string().nullable(),
});

export type ClientCreate = z.infer<typeof clientCreate>;
export type Client = z.infer<typeof client>;
