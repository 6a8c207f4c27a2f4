import { z } from 'zod';
import { email, optionalText, phone, recordMeta, requiredText, uuid } from './fields';
import { fieldIssue } from '../i18n/zod-issues';

const editable = {
  firstName: optionalText(100),
  lastName: requiredText(100),
  jobTitle: optionalText(150),
  email,
  phone,
  mobile: phone,
  availability: optionalText(500),
  notes: optionalText(10_000),
};

/** A contact is created on its account (spec 002 §4.3), never directly on a site. */
export const contactCreate = z.object({ accountId: uuid, ...editable }).strict();
export const contactUpdate = z.object(editable).partial().strict();
export const contact = z.object({ ...recordMeta, accountId: z.string().uuid(), ...editable });

export const assignmentPurpose = z.enum(['site', 'billing', 'support', 'communications', 'tickets', 'deployments']);
export const contactAssignmentCreate = z.object({
  purpose: assignmentPurpose,
  siteId: uuid.optional(),
  billingSiteId: uuid.optional(),
}).strict().superRefine((value, ctx) => {
  if (value.purpose === 'site' && !value.siteId) ctx.addIssue({ code: 'custom', path: ['siteId'], message: fieldIssue('field.required-for-site') });
  if (value.purpose === 'billing' && !value.billingSiteId) ctx.addIssue({ code: 'custom', path: ['billingSiteId'], message: fieldIssue('field.required-for-billing') });
});
export const contactAssignment = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid(),
  purpose: assignmentPurpose,
  siteId: z.string().uuid().nullable(),
  billingSiteId: z.string().uuid().nullable(),
  createdAt: z.string(),
});

export type ContactCreate = z.infer<typeof contactCreate>;
export type ContactAssignmentCreate = z.infer<typeof contactAssignmentCreate>;
