import { z } from 'zod';
import { CORRECTABLE_FIELDS } from './correction-fields';

/** What the portal's API answers (issue 18, ADR 0053): the shapes the OpenAPI document and the UI read. */
export const portalProfile = z.object({
  number: z.number(), lastName: z.string(), firstName: z.string(), nir: z.string().describe('Masked: 11 dots and the last four characters'),
  status: z.enum(['prospect', 'enrolled', 'alumni']), promotion: z.number().nullable(), cursus: z.string().nullable(),
  address: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable(), email: z.string().nullable(),
  personalPhone: z.string().nullable(), professionalPhone: z.string().nullable(),
  employer: z.object({ name: z.string(), city: z.string().nullable() }).nullable(),
});
export const portalGrades = z.object({
  terms: z.array(z.object({
    term: z.string(), average: z.number().nullable(),
    courses: z.array(z.object({ courseCode: z.string(), courseLabel: z.string(), teacherName: z.string().nullable(), grade: z.number(), coefficient: z.number(), publishedAt: z.string() })),
  })),
});
export const correctionRequest = z.object({
  id: z.string(), field: z.enum(CORRECTABLE_FIELDS), currentValue: z.string().nullable(), requestedValue: z.string().describe('The NIR masked'),
  reason: z.string(), status: z.enum(['pending', 'accepted', 'refused']), answer: z.string().nullable(), createdAt: z.string(),
  decidedAt: z.string().nullable(), decidedByName: z.string().nullable(), version: z.number(),
});
export const staffCorrectionRequest = correctionRequest.extend({ student: z.object({ id: z.string(), number: z.number(), lastName: z.string(), firstName: z.string() }) });
export const listedAlumnus = z.object({
  id: z.string(), lastName: z.string(), firstName: z.string(), promotion: z.number().nullable(), cursus: z.string().nullable(),
  jobTitle: z.string().nullable(), employer: z.string().nullable(), workCity: z.string().nullable().describe('Where they work (their career), never where they live'),
});
export const portalCompany = z.object({ id: z.string(), name: z.string(), city: z.string().nullable(), postalCode: z.string().nullable(), sector: z.string().nullable(), website: z.string().nullable() });
export const gradesImportReport = z.object({
  dryRun: z.boolean().describe('True: nothing was written; each row says what importing would do'),
  counts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  rows: z.array(z.object({
    row: z.number(), outcome: z.enum(['created', 'updated', 'unchanged', 'rejected']), reason: z.string().optional(),
    studentNumber: z.number().optional(), term: z.string().nullable().optional(), courseCode: z.string().nullable().optional(),
  })),
});

export const directoryQuery = z.object({
  q: z.string().trim().max(100).optional(), promotion: z.coerce.number().int().min(1950).max(2100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export const companiesQuery = z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }).strict();
/** The portal's reads take no query of their own: a student id in the query is refused, never followed. */
export const noQuery = z.object({}).strict();
