import { z } from 'zod';
import { requiredText, text, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The control catalogue, a mission's checklist and the finding library (issue 16, ADR 0034): the one
 * source of their types — the API validates with these, the OpenAPI document and the UI's forms follow.
 */
/** The eight scopes of an audit (the missions' `scopes`; the migration's check). */
export const AUDIT_SCOPES = ['network', 'servers', 'applications', 'workstations', 'physical_access', 'awareness', 'documentation', 'access_rights'] as const;
export type AuditScope = (typeof AUDIT_SCOPES)[number];
export const CHECK_ANSWERS = ['compliant', 'non_compliant', 'not_applicable', 'not_checked'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const scope = z.enum(AUDIT_SCOPES);
const long = text(8000);
const words = (max: number) => z.array(requiredText(200)).max(max).transform((a) => [...new Set(a)]);
/** Hints that help the assistant match what was captured: lower-case keywords (`windows-server`, `wifi`, `badge`). */
const hints = z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9.+-]{0,59}$/, fieldIssue('field.invalid'))).max(30).transform((a) => [...new Set(a)]);
const instant = z.string();

/** A check point as written by a mission lead: the text that becomes a new version when it changes. */
const checkPointText = {
  title: requiredText(300),
  guidance: long,
  references: words(20),
  expectedEvidence: long,
  appliesTo: hints,
  position: z.number().int(fieldIssue('field.invalid')).min(0).max(100_000),
};

export const checkPointCreate = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z]{2,5}-[0-9]{2,3}$/, fieldIssue('field.invalid')),
  scope,
  ...checkPointText,
  guidance: checkPointText.guidance.default(''),
  references: checkPointText.references.default([]),
  expectedEvidence: checkPointText.expectedEvidence.default(''),
  appliesTo: checkPointText.appliesTo.default([]),
  position: checkPointText.position.default(0),
}).strict();
export type CheckPointCreate = z.infer<typeof checkPointCreate>;

/** An edit (If-Match): a new version under the same code; the former is retired, missions keep their copy. */
export const checkPointUpdate = z.object({ scope, ...checkPointText }).partial().strict();
export type CheckPointUpdate = z.infer<typeof checkPointUpdate>;

export const checkPoint = z.object({
  id: uuid, code: z.string(), scope, catalogueVersion: z.number().int(),
  title: z.string(), guidance: z.string(), references: z.array(z.string()), expectedEvidence: z.string(),
  appliesTo: z.array(z.string()), position: z.number().int(),
  retiredAt: instant.nullable(), replacedBy: uuid.nullable(),
  version: z.number().int(), createdAt: instant, updatedAt: instant,
});
export type CheckPoint = z.infer<typeof checkPoint>;

export const catalogueQuery = z.object({
  scope: scope.optional(),
  q: text(200).optional(),
  /** `true`: the retired versions too (a code's history). */
  retired: z.enum(['true', 'false']).optional(),
  code: z.string().trim().toUpperCase().max(10).optional(),
}).strict();
export type CatalogueQuery = z.infer<typeof catalogueQuery>;

/** Bulk selection into a mission: whole scopes' checklists or chosen check points; either, not both. */
export const checksSelection = z.union([
  z.object({ scopes: z.array(scope).min(1, fieldIssue('field.required')).max(AUDIT_SCOPES.length), siteId: uuid.nullable().optional() }).strict(),
  z.object({ checkPointIds: z.array(uuid).min(1, fieldIssue('field.required')).max(500), siteId: uuid.nullable().optional() }).strict(),
]);
export type ChecksSelection = z.infer<typeof checksSelection>;

export const missionCheck = z.object({
  id: uuid, missionId: uuid, checkPointId: uuid, siteId: uuid.nullable(),
  code: z.string(), scope, catalogueVersion: z.number().int(),
  title: z.string(), guidance: z.string(), references: z.array(z.string()), expectedEvidence: z.string(), position: z.number().int(),
  answer: z.enum(CHECK_ANSWERS), observation: z.string().nullable(), answeredBy: uuid.nullable(), answeredAt: instant.nullable(),
  version: z.number().int(), createdAt: instant, updatedAt: instant,
});
export type MissionCheck = z.infer<typeof missionCheck>;

export const checksSelected = z.object({ added: z.number().int(), skipped: z.number().int(), items: z.array(missionCheck) });

export const missionCheckAnswer = z.object({
  answer: z.enum(CHECK_ANSWERS),
  observation: text(8000).nullable(),
}).partial().strict().refine((v) => v.answer !== undefined || v.observation !== undefined, { message: fieldIssue('field.required') });
export type MissionCheckAnswer = z.infer<typeof missionCheckAnswer>;

/** A reusable finding of the library (PwnDoc's vulnerability database). */
const libraryText = {
  title: requiredText(300),
  description: long,
  risk: long,
  recommendation: long,
  references: words(20),
  defaultSeverity: z.enum(SEVERITIES),
  scopes: z.array(scope).max(AUDIT_SCOPES.length).transform((a) => [...new Set(a)]),
  tags: hints,
};
export const libraryFindingCreate = z.object({
  ...libraryText,
  description: libraryText.description.default(''),
  risk: libraryText.risk.default(''),
  recommendation: libraryText.recommendation.default(''),
  references: libraryText.references.default([]),
  defaultSeverity: libraryText.defaultSeverity.default('medium'),
  scopes: libraryText.scopes.default([]),
  tags: libraryText.tags.default([]),
}).strict();
export type LibraryFindingCreate = z.infer<typeof libraryFindingCreate>;
export const libraryFindingUpdate = z.object(libraryText).partial().strict();
export type LibraryFindingUpdate = z.infer<typeof libraryFindingUpdate>;

export const libraryFinding = z.object({
  id: uuid, title: z.string(), description: z.string(), risk: z.string(), recommendation: z.string(),
  references: z.array(z.string()), defaultSeverity: z.enum(SEVERITIES), scopes: z.array(scope), tags: z.array(z.string()),
  usageCount: z.number().int(), lastUsedAt: instant.nullable(),
  version: z.number().int(), createdAt: instant, updatedAt: instant,
});
export type LibraryFinding = z.infer<typeof libraryFinding>;

export const libraryQuery = z.object({ q: text(200).optional(), scope: scope.optional(), tag: text(60).optional() }).strict();
export type LibraryQuery = z.infer<typeof libraryQuery>;

/**
 * A mission's finding taken back into the library: from the capture area's `audit_findings` row
 * (`findingId`) or from its text given here; the fields given replace the library's (If-Match).
 */
export const libraryImprove = z.object({
  missionId: uuid,
  findingId: uuid.optional(),
  description: long.optional(),
  risk: long.optional(),
  recommendation: long.optional(),
  references: libraryText.references.optional(),
}).strict().refine((v) => v.findingId !== undefined || v.description !== undefined || v.risk !== undefined || v.recommendation !== undefined, { message: fieldIssue('field.required') });
export type LibraryImprove = z.infer<typeof libraryImprove>;
