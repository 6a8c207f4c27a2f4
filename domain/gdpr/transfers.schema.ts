import { z } from 'zod';
import { countryCode, requiredText, text } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * Transfers' schemas (issue 15, docs/adr/0030-transfers.md): the API validates with them, the OpenAPI document
 * and the UI's types come from them. A transfer names tables and columns, never a personal value; its
 * preview and its archive hold only what the declared operators left.
 */
const tableName = z.string().regex(/^[a-z][a-z0-9_]*$/, fieldIssue('field.invalid')).max(63);
const activityKey = z.string().regex(/^[a-z]+(\.[a-z-]+)+$/, fieldIssue('field.invalid')).max(100);

/** Where the recipient is: in the EU/EEA, in a country with an adequacy decision, or in another country (a safeguard is then stated). */
export const RECIPIENT_ZONES = ['eu-eea', 'adequacy', 'third-country'] as const;
export type RecipientZone = (typeof RECIPIENT_ZONES)[number];
export const TRANSFER_MODES = ['anonymise', 'pseudonymise'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export const transferRecipient = z.object({
  name: requiredText(200),
  country: countryCode,
  zone: z.enum(RECIPIENT_ZONES),
  /** The legal basis of a transfer outside the EU without adequacy (art. 46: standard contractual clauses…). */
  safeguard: text(1000).nullable().default(null),
}).strict();

export const transferInput = z.object({
  recipient: transferRecipient,
  purpose: requiredText(2000),
  /** The processing activity of the register the transfer belongs to. */
  activity: activityKey,
  mode: z.enum(TRANSFER_MODES),
  /** The kinds of record sent (their tables) and the fields chosen of each. */
  tables: z.array(z.object({ table: tableName, columns: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, fieldIssue('field.invalid'))).min(1).max(80) }).strict()).min(1).max(10),
  /** Sensitive fields the officer allows, each with its reason (none is sent otherwise). */
  sensitive: z.array(z.object({ table: tableName, column: z.string().max(63), reason: requiredText(1000) }).strict()).max(40).default([]),
}).strict();
export type TransferInput = z.infer<typeof transferInput>;

/** What was done to one field (the manifest's line). */
export const fieldTreatmentView = z.object({
  table: z.string(),
  column: z.string(),
  /** `personal`, `reference` (a link to a record) or `plain` (nothing personal). */
  nature: z.enum(['personal', 'reference', 'plain']),
  category: z.string().nullable(),
  sensitive: z.boolean(),
  /** The operator the declaration gives (`mask:initials`, `erase`, `keep`…), for a personal field. */
  declared: z.string().nullable(),
  /** What the transfer does: `copy`, `erase`, `pseudonymise`, `mask:<what>`, `generalise:<to>`. */
  applied: z.string(),
  /** Why, in French. */
  note: z.string(),
});
export type FieldTreatmentView = z.infer<typeof fieldTreatmentView>;

export const transferExportView = z.object({
  id: z.string().uuid(),
  exportedAt: z.string().datetime(),
  exportedBy: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  rows: z.number().int(),
  sha256: z.string(),
});
export type TransferExportView = z.infer<typeof transferExportView>;

export const transferView = z.object({
  id: z.string().uuid(),
  recipient: transferRecipient.extend({ safeguard: z.string().nullable() }),
  purpose: z.string(),
  activity: z.string(),
  activityName: z.string(),
  mode: z.enum(TRANSFER_MODES),
  tables: z.array(z.object({ table: z.string(), columns: z.array(z.string()) })),
  sensitive: z.array(z.object({ table: z.string(), column: z.string(), reason: z.string() })),
  fields: z.array(fieldTreatmentView),
  createdBy: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  createdAt: z.string().datetime(),
  exports: z.array(transferExportView),
  version: z.number().int(),
});
export type TransferView = z.infer<typeof transferView>;

/** What the officer may choose from: the organisation's kinds of record, their declared fields, and the register's activities. */
export const transferChoicesView = z.object({
  activities: z.array(z.object({ key: z.string(), name: z.string() })),
  tables: z.array(z.object({
    table: z.string(),
    label: z.string(),
    columns: z.array(z.object({ column: z.string(), nature: z.enum(['personal', 'reference', 'plain']), category: z.string().nullable(), sensitive: z.boolean(), declared: z.string().nullable() })),
  })),
  recipients: z.array(z.object({ name: z.string(), country: z.string() })),
});
export type TransferChoicesView = z.infer<typeof transferChoicesView>;

export const previewQuery = z.object({ rows: z.coerce.number().int().min(1).max(20).default(5) }).strict();

/** A few rows as the recipient would receive them, per table. */
export const transferPreviewView = z.object({
  tables: z.array(z.object({ table: z.string(), columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), total: z.number().int() })),
});
export type TransferPreviewView = z.infer<typeof transferPreviewView>;

export const reidentifyInput = z.object({ pseudonym: z.string().regex(/^pseudo:[A-Za-z0-9]+:[A-Za-z0-9_-]{22}$/, fieldIssue('field.invalid')) }).strict();
export const reidentifyView = z.object({ match: z.object({ table: z.string(), column: z.string(), recordId: z.string() }).nullable() });
export type ReidentifyView = z.infer<typeof reidentifyView>;
