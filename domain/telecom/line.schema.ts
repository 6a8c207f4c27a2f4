import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { fleetType } from './fleet.schema';

export const LINE_STATUSES = ['pending', 'active', 'suspended', 'terminated'] as const;
export const lineStatus = z.enum(LINE_STATUSES);
export type LineStatus = z.infer<typeof lineStatus>;

/** A calendar day, `2026-12-05`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldIssue('field.iso-date'))
  // A day that exists (2026-02-30 does not: Date would roll it over to March).
  .refine((d) => { const t = Date.parse(`${d}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d; }, fieldIssue('field.iso-date'));

/**
 * A line's number: a phone number in E.164 (« 06 12 34 56 78 » is stored +33612345678) for mobile and
 * fixed lines; another identifier (an access reference, a firewall's serial) for internet and cyber services.
 */
export function normaliseLineNumber(type: z.infer<typeof fleetType>, value: string): string | null {
  if (type === 'mobile' || type === 'fixed') {
    const parsed = parsePhoneNumberFromString(value, 'FR');
    return parsed?.isValid() ? parsed.number : null;
  }
  return value.trim() || null;
}

/** Identifiers the operator's API answered for the line (its line id, the SIM's ICCID, the order…). */
export const operatorRefs = z.record(z.string().max(40), z.string().max(200)).refine((r) => Object.keys(r).length <= 20);
/** Where the line is billed: the billing system and its service there. */
export const billingRefs = z.object({ system: z.string().max(40), serviceId: z.string().max(200) }).partial().strict();

/** A new line (usually created by a deployment): on a fleet of the account; priced from its plan and options. */
export const lineCreate = z.object({
  accountId: uuid,
  fleetId: uuid,
  number: requiredText(100),
  siteId: uuid.nullable().optional(),
  billingSiteId: uuid.nullable().optional(),
  userName: optionalText(200),
  planId: uuid.nullable().optional(),
  optionIds: z.array(uuid).max(50).optional(),
  operatorRefs: operatorRefs.optional(),
  billingRefs: billingRefs.optional(),
}).strict();

/**
 * A change to a line (PATCH, If-Match): its user, site and billing site as fields; its plan, options and
 * status through the line's actions (line-actions.ts), which check the rules and recompute its prices.
 * `optionIds` is the whole set of options; `statusOn` the day a status change takes effect (today by default).
 */
export const lineUpdate = z.object({
  userName: optionalText(200),
  siteId: uuid.nullable(),
  billingSiteId: uuid.nullable(),
  planId: uuid,
  optionIds: z.array(uuid).max(50),
  status: lineStatus,
  statusOn: isoDate,
}).partial().strict();

export const line = z.object({
  ...recordMeta,
  number: z.string(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  fleetId: z.string().uuid(),
  fleetName: z.string(),
  fleetType,
  siteId: z.string().uuid().nullable(),
  billingSiteId: z.string().uuid().nullable(),
  userName: z.string().nullable(),
  planId: z.string().uuid().nullable(),
  planName: z.string().nullable(),
  optionIds: z.array(z.string().uuid()),
  status: lineStatus,
  /** Monthly sale price excluding VAT: the plan's and the options' together. */
  salePriceCents: z.number().int(),
  /** Monthly purchase price: only to who may see margins (« voir marge »). */
  purchasePriceCents: z.number().int().nullable(),
  operatorKey: z.string(),
  operatorRefs: z.record(z.string(), z.string()),
  billingRefs: z.record(z.string(), z.string()),
  activatedOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  /** An order placed at the operator for this line and not confirmed yet (`suspend-line`, `terminate-line`…), or null. */
  pendingOrderKind: z.string().nullable(),
});

/** The fields of a line that reveal the margin (read with the `margin` grant only). */
export const LINE_MARGIN_FIELDS = ['purchasePriceCents'] as const;

export type LineCreate = z.infer<typeof lineCreate>;
export type LineUpdate = z.infer<typeof lineUpdate>;
export type Line = z.infer<typeof line>;
