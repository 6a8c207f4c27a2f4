import { z } from 'zod';
import { email, optionalText, phone, requiredText, uuid } from '../core/fields';
import type { Message } from '../i18n/messages';
import { fieldIssue } from '../i18n/zod-issues';

/** The school's companies area (spec 004, ADR 0052): one schema per concept, the API's validation and the UI's types. */

/** « Enregistrer » a registry result: the company is asked again by its number (never trusted from the browser), email and phone typed by the office. */
export const companySave = z.object({
  siren: z.string().trim().transform((v) => v.replace(/[\s.]/g, '')).pipe(z.string().regex(/^\d{9}(\d{5})?$/, fieldIssue('field.siren'))),
  email,
  phone,
}).strict();
export type CompanySave = z.infer<typeof companySave>;

export const companyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

export const INTRODUCTION_PURPOSES = ['internship', 'apprenticeship', 'job', 'training'] as const;
export const INTRODUCTION_STATUSES = ['proposed', 'sent', 'accepted', 'declined', 'closed'] as const;
export const INTRODUCTION_CHANNELS = ['sms', 'mail', 'none'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];
export type IntroductionChannel = (typeof INTRODUCTION_CHANNELS)[number];
export type IntroductionPurpose = (typeof INTRODUCTION_PURPOSES)[number];

/** « Mettre en relation »: a student, a company (an account), one of its contacts or none, why, and how the student is told. */
export const introductionCreate = z.object({
  studentId: uuid,
  accountId: uuid,
  contactId: uuid.nullable().optional(),
  purpose: z.enum(INTRODUCTION_PURPOSES),
  channel: z.enum(INTRODUCTION_CHANNELS).default('sms'),
  note: optionalText(2000),
}).strict();
export type IntroductionCreate = z.infer<typeof introductionCreate>;

export const introductionUpdate = z.object({
  status: z.enum(INTRODUCTION_STATUSES),
  note: optionalText(2000),
}).strict();
export type IntroductionUpdate = z.infer<typeof introductionUpdate>;

export const introductionListQuery = z.object({
  studentId: uuid.optional(),
  accountId: uuid.optional(),
  status: z.enum(INTRODUCTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
}).strict();
export type IntroductionListQuery = z.infer<typeof introductionListQuery>;

export const STUDENT_STATUSES = ['prospect', 'enrolled', 'alumni'] as const;

/** « Envoyer un SMS »: one of the school's templates to chosen students, or to those a filter keeps (a promotion…). */
export const studentSmsRequest = z.object({
  templateKey: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, fieldIssue('field.template-key')),
  name: optionalText(200),
  studentIds: z.array(uuid).min(1).max(10_000).optional(),
  filter: z.object({
    promotion: z.number().int().min(1950).max(2100).optional(),
    status: z.enum(STUDENT_STATUSES).optional(),
    cursus: requiredText(200).optional(),
  }).strict().refine((f) => Object.keys(f).length > 0, { message: fieldIssue('field.required') }).optional(),
  /** What the template's own variables say (the exam room, the offer…); the student's name is filled for each. */
  variables: z.record(z.string(), z.unknown()).optional(),
}).strict().refine((v) => Boolean(v.studentIds) !== Boolean(v.filter), { message: fieldIssue('field.give-one-of'), params: { names: ['studentIds', 'filter'] }, path: ['studentIds'] });
export type StudentSmsRequest = z.infer<typeof studentSmsRequest>;

/** One row of the legacy « Gestion des entreprises » file as written (or as it would be, in a dry run). */
export interface CompanyImportRow {
  row: number;
  outcome: 'create' | 'update' | 'unchanged' | 'rejected';
  reason?: Message;
  values: { externalRef: string; name: string; addressLine1: string | null; postalCode: string | null; city: string | null; email: string | null; phone: string | null };
}
