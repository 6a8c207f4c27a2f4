import { z } from 'zod';
import { email, optionalText, requiredText } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { IDENTITY_METHODS, REQUEST_KINDS, REQUEST_STATUSES } from './request-rules';
import { erasureView } from './erasure.schema';

/**
 * Rights requests (issue 15, docs/adr/0023-rights-requests.md): what `POST /api/v1/gdpr/requests` and its
 * actions accept and what they answer. The single source of the API's validation, its OpenAPI document and
 * the UI's forms.
 */
const subjectKind = z.string().regex(/^[a-z][a-z-]*$/, fieldIssue('field.invalid')).max(40, fieldIssue('field.too-long'));

export const requestSubject = z.object({
  kind: subjectKind,
  /** The person's row id, or their e-mail address for a person known only by it (a ticket's requester). */
  id: z.string().trim().min(1, fieldIssue('field.required')).max(254, fieldIssue('field.too-long')).regex(/^[^\u0000\s]*$/, fieldIssue('field.invalid')),
}).strict();

export const requestInput = z.object({
  kind: z.enum(REQUEST_KINDS),
  subject: requestSubject,
  /** Who asked: the person (`self`), or someone on their behalf (`representative`: a lawyer, a parent). The signed-in person filing about themselves needs none. */
  requester: z.object({
    name: requiredText(200),
    email,
    relation: z.enum(['self', 'representative']).default('self'),
  }).strict().optional(),
  /** What the person asked, in their words (a letter, a mail). */
  details: optionalText(4000),
  /** When the request was received, when earlier than now (a letter opened today arrived yesterday); never in the future. */
  receivedAt: z.string().datetime({ offset: true, message: fieldIssue('field.invalid') }).optional(),
}).strict();
export type RequestInput = z.infer<typeof requestInput>;

export const verifyInput = z.object({
  method: z.enum(IDENTITY_METHODS),
  note: optionalText(1000),
}).strict();

export const extendInput = z.object({ reason: requiredText(2000) }).strict();

export const answerInput = z.object({
  outcome: z.enum(['answered', 'refused']),
  answer: requiredText(8000),
  /** Required when refused (art. 12.4: the reasons, and the right to complain to the CNIL). */
  refusalReason: optionalText(2000),
}).strict().superRefine((v, ctx) => {
  if (v.outcome === 'refused' && !v.refusalReason) ctx.addIssue({ code: 'custom', path: ['refusalReason'], message: fieldIssue('field.required') });
});

export const requestListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
}).strict();

export const subjectSearchQuery = z.object({
  kind: subjectKind,
  q: z.string().trim().max(100, fieldIssue('field.too-long')).regex(/^[^\u0000]*$/, fieldIssue('field.nul')).default(''),
}).strict();

const instant = z.string().datetime();
export const requestView = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  kind: z.enum(REQUEST_KINDS),
  kindLabel: z.string(),
  subject: z.object({ kind: z.string(), id: z.string(), label: z.string(), kindLabel: z.string() }),
  requester: z.object({ name: z.string(), email: z.string().nullable(), relation: z.enum(['self', 'representative']), userId: z.string().uuid().nullable() }),
  details: z.string(),
  identity: z.object({ method: z.enum(IDENTITY_METHODS).nullable(), verifiedAt: instant.nullable(), verifiedBy: z.string().uuid().nullable() }),
  receivedAt: instant,
  dueAt: instant,
  extension: z.object({ extendedAt: instant, reason: z.string() }).nullable(),
  status: z.enum(REQUEST_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean(),
  answer: z.string().nullable(),
  refusalReason: z.string().nullable(),
  answeredAt: instant.nullable(),
  /** Whether `GET …/export` answers (access and portability, once the identity is verified). */
  exportable: z.boolean(),
  /** An erasure request's report, undo window or refusal (docs/adr/0027-erasure.md). */
  erasure: erasureView.nullable(),
  version: z.number().int(),
});
export type RequestView = z.infer<typeof requestView>;

export const requestListView = z.object({ items: z.array(requestView) });

export const subjectKindView = z.object({ kind: z.string(), label: z.string(), byAddress: z.boolean() });
export const subjectCandidateView = z.object({ kind: z.string(), id: z.string(), label: z.string(), detail: z.string().nullable() });
export const subjectsView = z.object({ kinds: z.array(subjectKindView), items: z.array(subjectCandidateView) });
