import { z } from 'zod';
import { optionalText, requiredText } from '../../core/fields';
import { fieldIssue } from '../../i18n/zod-issues';

/**
 * The audit report's shapes (issue 16, docs/adr/0038-audit-reports.md): the single source of the API's
 * validation, its OpenAPI and the editor's types.
 */
export const REPORT_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved', 'delivered'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The sections a new report starts with, in order (titles in the report's language, French). */
export const DEFAULT_SECTIONS = [
  { key: 'cover-note', title: 'Note de couverture' },
  { key: 'executive-summary', title: 'Synthèse managériale' },
  { key: 'scope-and-method', title: 'Périmètre et méthode' },
  { key: 'findings', title: 'Constats' },
  { key: 'recommendations', title: 'Recommandations' },
  { key: 'appendix', title: 'Annexes' },
] as const;

export const SERIAL_DISPLAYS = ['hidden', 'last4', 'full'] as const;
export type SerialDisplay = (typeof SERIAL_DISPLAYS)[number];

const sectionKey = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, fieldIssue('field.invalid'));
// PostgreSQL cannot store the NUL character: refused here, naming the field.
const markdown = z.string().max(100_000, fieldIssue('field.too-long')).regex(/^[^\u0000]*$/, fieldIssue('field.nul'));

/** `PUT …/report`: the sections as the editor holds them (every section present; one added when its key is new). */
export const reportSectionInput = z.object({
  key: sectionKey,
  title: requiredText(200),
  body: markdown,
  /** The assistant's text, sent as such by the editor when the auditor accepts a draft: stays « brouillon de l'assistant » until a person edits it. */
  origin: z.enum(['human', 'assistant']).optional(),
}).strict();
export const reportUpdate = z.object({ sections: z.array(reportSectionInput).min(1).max(30) }).strict();
export type ReportUpdate = z.infer<typeof reportUpdate>;

export const REVIEW_DECISIONS = ['approve', 'request-changes'] as const;
export const reportReview = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comments: z.array(z.object({ sectionKey, body: requiredText(4_000) }).strict()).max(100).default([]),
}).strict();
export type ReportReview = z.infer<typeof reportReview>;

/** The organisation's report template (`PUT /api/v1/audits/report-template`), copied into each new report. */
export const reportTemplateUpdate = z.object({
  coverTitle: requiredText(200),
  footer: optionalText(500),
  serialDisplay: z.enum(SERIAL_DISPLAYS),
}).strict();

export const templateSnapshot = z.object({
  coverTitle: z.string(),
  footer: z.string().nullable(),
  serialDisplay: z.enum(SERIAL_DISPLAYS),
  organisationName: z.string(),
  primaryColor: z.string(),
  secondaryColor: z.string(),
  logoText: z.string(),
});
export type TemplateSnapshot = z.infer<typeof templateSnapshot>;

export const reportSection = z.object({
  id: z.string().uuid(),
  key: z.string(),
  position: z.number().int(),
  title: z.string(),
  body: z.string(),
  origin: z.enum(['human', 'assistant']),
  /** « Brouillon de l'assistant »: the assistant wrote it and no person has edited it since. */
  assistantDraft: z.boolean(),
  version: z.number().int(),
});
export type ReportSection = z.infer<typeof reportSection>;

export const reportComment = z.object({
  id: z.string().uuid(),
  versionNumber: z.number().int(),
  sectionKey: z.string(),
  authorId: z.string().uuid().nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  resolved: z.boolean(),
  createdAt: z.string(),
});

/** What the editor may do, computed for the caller. */
export const reportAbilities = z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() });

export const report = z.object({
  id: z.string().uuid(),
  missionId: z.string().uuid(),
  status: z.enum(REPORT_STATUSES),
  currentVersion: z.number().int(),
  version: z.number().int(),
  template: templateSnapshot,
  submittedBy: z.string().uuid().nullable(),
  submittedAt: z.string().nullable(),
  approvedBy: z.string().uuid().nullable(),
  approvedAt: z.string().nullable(),
  sections: z.array(reportSection),
  /** The comments of the last reviewed version (what to change). */
  comments: z.array(reportComment),
  can: reportAbilities,
});

/** A finding as the report prints it (the capture area's record, decrypted, frozen in the version). */
export const reportFinding = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  cvssScore: z.number().nullable(),
  cvssVector: z.string().nullable(),
  likelihood: z.number().int().nullable(),
  impact: z.number().int().nullable(),
  description: z.string(),
  risk: z.string(),
  recommendation: z.string(),
  references: z.array(z.string()),
});
export type ReportFinding = z.infer<typeof reportFinding>;

export const reportInventoryItem = z.object({
  type: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  location: z.string().nullable(),
  networkAddress: z.string().nullable(),
});
export type ReportInventoryItem = z.infer<typeof reportInventoryItem>;

/** A submitted version, frozen: what the PDF of that version prints, whatever changes later. */
export const versionSnapshot = z.object({
  mission: z.object({ number: z.number().int(), title: z.string(), accountName: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable() }),
  sections: z.array(z.object({ key: z.string(), title: z.string(), body: z.string(), assistantDraft: z.boolean() })),
  findings: z.array(reportFinding),
  inventory: z.array(reportInventoryItem),
});
export type VersionSnapshot = z.infer<typeof versionSnapshot>;

export const reportVersion = z.object({
  number: z.number().int(),
  submittedBy: z.string().uuid().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string(),
  decision: z.enum(['approved', 'changes_requested']).nullable(),
  decidedBy: z.string().uuid().nullable(),
  decidedAt: z.string().nullable(),
  comments: z.array(reportComment),
});
