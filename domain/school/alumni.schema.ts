import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The alumni search and the Alumnet connection as the API takes and answers them (`/api/v1/school/alumni`,
 * `/api/v1/school/alumnet/…`, ADR 0051). The API key is write-only: an answer says whether one is set.
 */
const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const alumniQuery = z.object({
  promotion: z.coerce.number().int().min(1950).max(2100).optional(),
  /** A company the school knows (the employer matched to its account). */
  accountId: z.string().uuid().optional(),
  /** An employer by name (part of it, accents and case ignored). */
  company: trimmed(120).optional(),
  city: trimmed(120).optional(),
  cursus: trimmed(200).optional(),
  /** A name (part of the last or first name). */
  q: trimmed(120).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
}).strict();
export type AlumniQuery = z.infer<typeof alumniQuery>;

export const careerView = z.object({
  employerName: z.string(),
  accountId: z.string().uuid().nullable(),
  accountName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  city: z.string().nullable(),
  startedOn: z.string().nullable(),
  source: z.enum(['alumnet', 'school']),
  updatedAt: z.string(),
});
export type CareerView = z.infer<typeof careerView>;

export const alumnusView = z.object({
  studentId: z.string().uuid(),
  number: z.number().int(),
  lastName: z.string(),
  firstName: z.string(),
  promotion: z.number().int().nullable(),
  cursus: z.string().nullable(),
  career: careerView.nullable(),
  alumnetMemberId: z.string().nullable(),
});
export type AlumnusView = z.infer<typeof alumnusView>;

export const alumniPage = z.object({ items: z.array(alumnusView), nextCursor: z.string().nullable() });
export type AlumniPage = z.infer<typeof alumniPage>;

/** One student's careers, the current one first (the student's panel). */
export const studentCareers = z.object({ studentId: z.string().uuid(), alumnetMemberId: z.string().nullable(), careers: z.array(careerView.extend({ endedOn: z.string().nullable() })) });
export type StudentCareers = z.infer<typeof studentCareers>;

/** A job the school records for an alumnus (told by them, a survey): it becomes the current one (Alumnet's next word wins). */
export const careerCreate = z.object({
  employerName: trimmed(200),
  /** The company the school knows; omitted, the employer is matched by its name. */
  accountId: z.string().uuid().nullable().optional(),
  jobTitle: trimmed(200).nullable().optional(),
  city: trimmed(120).nullable().optional(),
  startedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldIssue('field.iso-date')).refine((v) => !Number.isNaN(Date.parse(v)), fieldIssue('field.iso-date')).nullable().optional(),
}).strict();
export type CareerCreate = z.infer<typeof careerCreate>;

export const alumnetAdapter = z.enum(['sandbox', 'alumnet']);

export const alumnetConnectionPut = z.object({
  adapter: alumnetAdapter,
  baseUrl: z.string().trim().url().max(500).refine((v) => /^https?:\/\//.test(v)).nullable().default(null),
  /** Write-only: given, it replaces the stored key; omitted, the stored one is kept. */
  apiKey: z.string().trim().min(8).max(500).optional(),
  enabled: z.boolean(),
  /** The sandbox's own settings (a simulated outage). */
  settings: z.object({ outage: z.boolean().optional() }).strict().default({}),
}).strict();
export type AlumnetConnectionPut = z.input<typeof alumnetConnectionPut>;

export const syncRunView = z.object({
  id: z.string().uuid(),
  trigger: z.enum(['schedule', 'manual', 'demo']),
  provider: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  pulled: z.number().int(),
  pushed: z.number().int(),
  conflicts: z.number().int(),
  errors: z.number().int(),
  errorCode: z.string().nullable(),
  /** The failure in words (French and English), from its code. */
  error: z.object({ fr: z.string(), en: z.string() }).nullable(),
});
export type SyncRunView = z.infer<typeof syncRunView>;

export const alumnetConnectionView = z.object({
  configured: z.boolean(),
  adapter: alumnetAdapter,
  baseUrl: z.string().nullable(),
  apiKeySet: z.boolean(),
  enabled: z.boolean(),
  settings: z.object({ outage: z.boolean().optional() }),
  lastPulledUntil: z.string().nullable(),
  lastTestedAt: z.string().nullable(),
  lastTestOk: z.boolean().nullable(),
  version: z.number().int(),
  runs: z.array(syncRunView),
});
export type AlumnetConnectionView = z.infer<typeof alumnetConnectionView>;

export const connectionTestView = z.object({ ok: z.boolean(), organisation: z.string().nullable(), error: z.object({ code: z.string(), fr: z.string(), en: z.string() }).nullable() });
export type ConnectionTestView = z.infer<typeof connectionTestView>;
