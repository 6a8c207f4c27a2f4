import { z } from 'zod';
import { optionalText, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * What the auditor captures on site (issue 16, ADR 0035): the hardware met (inventory), the
 * observations, the findings, the photos and documents. The offline tablet client (PWA) and the
 * API share these shapes: every record is created with an `id` the client generated (uuid), so a
 * retried POST answers the row already written (200) instead of a second one; a PATCH names the
 * version it read (`If-Match: "<version>"`) and a stale one answers 412 with the server's row.
 *
 * Sensitive fields are encrypted at rest with the tenant's key. Lists answer them masked
 * (`masked: true`: `••••4821`, `10.0.••.••`, `••••••`); the detail (`GET …/{itemId}`) answers them
 * in clear to those who may read the mission's capture.
 */

export const INVENTORY_TYPES = ['server', 'workstation', 'network', 'printer', 'camera', 'badge_reader', 'phone', 'other'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const FINDING_STATUSES = ['open', 'fixed', 'accepted'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The metadata each captured record answers with. */
const captured = {
  id: z.string().uuid(),
  missionId: z.string().uuid(),
  version: z.number().int(),
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** True in lists: the encrypted fields are masked; false in a detail, where they are in clear. */
  masked: z.boolean(),
};

// ---------------------------------------------------------------- inventory

const inventoryEditable = {
  siteId: uuid,
  type: z.enum(INVENTORY_TYPES),
  brand: optionalText(120),
  model: optionalText(200),
  /** Encrypted at rest; masked in lists (`••••4821`). */
  serial: optionalText(200),
  location: optionalText(200),
  /** IP, MAC or host name. Encrypted at rest; masked in lists (`10.0.••.••`). */
  networkAddress: optionalText(200),
  /** The person who uses it. Encrypted at rest; masked in lists. */
  owner: optionalText(200),
  notes: optionalText(4000),
};
export const inventoryCreate = z.object({ id: uuid, ...inventoryEditable }).strict();
export const inventoryUpdate = z.object(inventoryEditable).partial().strict();
export const inventoryItem = z.object({
  ...captured,
  siteId: z.string().uuid(),
  type: z.enum(INVENTORY_TYPES),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  location: z.string().nullable(),
  networkAddress: z.string().nullable(),
  owner: z.string().nullable(),
  notes: z.string().nullable(),
});
export type InventoryCreate = z.infer<typeof inventoryCreate>;
export type InventoryUpdate = z.infer<typeof inventoryUpdate>;

// ---------------------------------------------------------------- observations

const observationEditable = {
  siteId: uuid,
  /** The checklist's check point this observation answers (the catalogue area's `audit_mission_checks`), if any. */
  checkId: uuid.nullable().optional(),
  /** Encrypted at rest; masked in lists. */
  body: requiredText(10000),
  /** The people met on site (names, functions). Encrypted at rest; masked in lists. */
  peopleMet: optionalText(2000),
};
export const observationCreate = z.object({ id: uuid, ...observationEditable }).strict();
export const observationUpdate = z.object(observationEditable).partial().strict();
export const observation = z.object({
  ...captured,
  siteId: z.string().uuid(),
  checkId: z.string().uuid().nullable(),
  body: z.string(),
  peopleMet: z.string().nullable(),
});
export type ObservationCreate = z.infer<typeof observationCreate>;
export type ObservationUpdate = z.infer<typeof observationUpdate>;

// ---------------------------------------------------------------- findings

/** CVSS 3.1 base vector: the eight base metrics (`CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`). */
export const cvssVector = z.string().trim().max(200, fieldIssue('field.too-long'));
const level = z.number().int(fieldIssue('field.whole-number')).min(1, fieldIssue('field.too-small')).max(4, fieldIssue('field.too-big'));

/** How the severity is rated: a CVSS 3.1 vector (its base score gives the severity), or likelihood × impact on a 4 × 4 grid. */
export const findingRating = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cvss'), vector: cvssVector }).strict(),
  z.object({ method: z.literal('grid'), likelihood: level, impact: level }).strict(),
]);
export type FindingRating = z.infer<typeof findingRating>;

const findingEditable = {
  siteId: uuid.nullable().optional(),
  /** The finding library's entry it starts from (catalogue area), if any. */
  libraryFindingId: uuid.nullable().optional(),
  /** In clear (a short label, often the library's): lists and the report's table of contents show it. */
  title: requiredText(300),
  /** Encrypted at rest; masked in lists. */
  description: optionalText(20000),
  /** Encrypted at rest; masked in lists. */
  risk: optionalText(20000),
  /** Encrypted at rest; masked in lists. */
  recommendation: optionalText(20000),
  rating: findingRating,
  status: z.enum(FINDING_STATUSES).optional(),
};
export const findingCreate = z.object({ id: uuid, ...findingEditable }).strict();
export const findingUpdate = z.object(findingEditable).partial().strict();
export const finding = z.object({
  ...captured,
  siteId: z.string().uuid().nullable(),
  libraryFindingId: z.string().uuid().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  risk: z.string().nullable(),
  recommendation: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  severityMethod: z.enum(['cvss', 'grid']),
  cvssVector: z.string().nullable(),
  /** The CVSS 3.1 base score the server computed from the vector (0.0–10.0). */
  cvssScore: z.number().nullable(),
  likelihood: z.number().int().nullable(),
  impact: z.number().int().nullable(),
  status: z.enum(FINDING_STATUSES),
});
export type FindingCreate = z.infer<typeof findingCreate>;
export type FindingUpdate = z.infer<typeof findingUpdate>;

// ---------------------------------------------------------------- uploads

/** Photos and documents: what the tablet's camera and the auditor's files give. The type is read from the bytes, not trusted from the client. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** The multipart fields beside `file`. */
export const uploadFields = z.object({
  id: uuid,
  siteId: uuid,
  caption: optionalText(500),
}).strict();
export const upload = z.object({
  ...captured,
  siteId: z.string().uuid(),
  caption: z.string().nullable(),
  contentType: z.enum(UPLOAD_TYPES),
  sizeBytes: z.number().int(),
});
export type UploadFields = z.infer<typeof uploadFields>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * The routes, relative to `/api/v1/audits/missions/{missionId}` (for the offline client):
 *   GET    /inventory | /findings | /observations            → { items } (masked)
 *   POST   /inventory | /findings | /observations            → 201 created | 200 same id and same content | 409 same id, other content
 *   GET    /{kind}/{itemId}                                  → the row in clear, ETag "<version>"
 *   PATCH  /{kind}/{itemId}  If-Match: "<version>"           → 200 | 412 { current: <row in clear> } | 428 without If-Match
 *   DELETE /{kind}/{itemId}                                  → 204 (again: 204, nothing to do)
 *   GET    /uploads                                          → { items }
 *   POST   /uploads  multipart: file, id, siteId, caption    → 201 | 200 (same id, same bytes) | 409 | 413 too large | 415 not an image/PDF
 *   GET    /uploads/{uploadId}                               → the file's bytes (Content-Type as sniffed)
 *   DELETE /uploads/{uploadId}                               → 204
 */
export const CAPTURE_KINDS = ['inventory', 'findings', 'observations'] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];
