import { z } from 'zod';
import { requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * Retention's schemas (issue 15, docs/adr/0026-retention.md): the API validates with them, the OpenAPI
 * document and the UI's types come from them. Nothing here holds a personal value: a record is named by
 * its table and id.
 */
/** A calendar day that exists (2026-02-30 is refused), between 1900 and 2999. */
const isoDay = z.string().regex(/^(19|2\d)\d{2}-\d{2}-\d{2}$/, fieldIssue('field.iso-date'))
  .refine((day) => !Number.isNaN(Date.parse(day)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), fieldIssue('field.iso-date'));
const tableName = z.string().regex(/^[a-z][a-z0-9_]*$/, fieldIssue('field.invalid')).max(63);
const activityKey = z.string().regex(/^[a-z]+(\.[a-z-]+)+$/, fieldIssue('field.invalid')).max(100);

/** A legal hold as placed: on one record, on everything about a person, or on a whole processing activity. */
export const legalHoldInput = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('record'), table: tableName, recordId: uuid, reason: requiredText(2000), until: isoDay.nullable().default(null) }).strict(),
  z.object({
    scope: z.literal('subject'), subject: z.object({ kind: z.string().regex(/^[a-z][a-z-]*$/, fieldIssue('field.invalid')).max(60), id: uuid }).strict(),
    reason: requiredText(2000), until: isoDay.nullable().default(null),
  }).strict(),
  z.object({ scope: z.literal('activity'), activity: activityKey, reason: requiredText(2000), until: isoDay.nullable().default(null) }).strict(),
]);
export type LegalHoldInput = z.infer<typeof legalHoldInput>;

/** What may change in a hold once placed: its reason and its end. */
export const legalHoldChange = z.object({ reason: requiredText(2000).optional(), until: isoDay.nullable().optional() }).strict();
export type LegalHoldChange = z.infer<typeof legalHoldChange>;

export const legalHoldQuery = z.object({ active: z.enum(['true', 'false']).optional() }).strict();

export const legalHoldView = z.object({
  id: z.string().uuid(),
  scope: z.enum(['record', 'subject', 'activity']),
  table: z.string().nullable(),
  recordId: z.string().uuid().nullable(),
  subject: z.object({ kind: z.string(), id: z.string().uuid() }).nullable(),
  activity: z.string().nullable(),
  reason: z.string(),
  until: isoDay.nullable(),
  placedBy: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  placedAt: z.string().datetime(),
  liftedAt: z.string().datetime().nullable(),
  liftedBy: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  /** Whether it suspends retention today (not lifted, its end not passed). */
  active: z.boolean(),
  version: z.number().int(),
});
export type LegalHoldView = z.infer<typeof legalHoldView>;

/** A table's retention rule, as the organisation's register sets its duration. */
export const retentionRuleView = z.object({
  table: z.string(),
  module: z.string(),
  activity: z.string(),
  activityName: z.string(),
  duration: z.string(),
  from: z.string(),
  legalReference: z.string().nullable(),
  action: z.enum(['anonymise', 'delete']),
  /** Whether a legal hold on the whole activity suspends it. */
  held: z.boolean(),
  /** The next day a row of the table expires (not counting those expired already), if any. */
  nextExpiry: isoDay.nullable(),
});
export type RetentionRuleView = z.infer<typeof retentionRuleView>;

export const retentionRulesView = z.object({ today: isoDay, rules: z.array(retentionRuleView) });

/** One table's part of a run or a dry run. */
export const retentionTableCount = z.object({
  table: z.string(),
  activity: z.string(),
  action: z.enum(['anonymise', 'delete']),
  /** Rows whose retention ended and that no hold keeps (anonymised or deleted by a run). */
  expired: z.number().int(),
  /** Rows whose retention ended but that a legal hold keeps. */
  held: z.number().int(),
  /** Rows of other tables done with them (history entries, messages, documents). */
  followed: z.record(z.string(), z.number().int()).default({}),
});
export type RetentionTableCount = z.infer<typeof retentionTableCount>;

export const retentionRunView = z.object({
  id: z.string().uuid(),
  runId: z.string(),
  today: isoDay,
  tables: z.array(retentionTableCount),
  anonymised: z.number().int(),
  deleted: z.number().int(),
  held: z.number().int(),
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime().nullable(),
});
export type RetentionRunView = z.infer<typeof retentionRunView>;

export const dryRunInput = z.object({ today: isoDay.optional(), sample: z.number().int().min(0).max(50).default(5) }).strict();
export type DryRunInput = z.infer<typeof dryRunInput>;

/** What a run would do today: counts, and a few records by reference (table, id, the clock's day) — never a personal value. */
export const dryRunView = z.object({
  today: isoDay,
  tables: z.array(retentionTableCount.extend({
    sample: z.array(z.object({ id: z.string().uuid(), clockDay: isoDay, expiredOn: isoDay })),
  })),
});
export type DryRunView = z.infer<typeof dryRunView>;
