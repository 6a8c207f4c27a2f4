import { z } from 'zod';
import { uuid } from '../core/fields';

const ref = z.object({ id: z.string().uuid(), name: z.string() });
const fleet = z.object({ id: z.string().uuid(), name: z.string(), type: z.string(), operatorKey: z.string(), lineCount: z.number().int() });

/**
 * `GET /api/v1/telecom/accounts/{id}/panel` (ADR 0046): the telecom blocks of the account's side panel. Sections a
 * role may not read are absent (not null): `sections` lists those present (account-view.ts).
 */
export const accountPanel = z.object({
  accountId: z.string().uuid(),
  sections: z.array(z.enum(['summary', 'externalRefs', 'billingSites', 'sites', 'finance', 'margin'])),
  summary: z.object({
    name: z.string(),
    number: z.number().int(),
    status: z.string(),
    softwhereId: z.string().nullable(),
    /** The telecom profile's version, for If-Match when the brand is changed (null: no profile yet). */
    profileVersion: z.number().int().nullable(),
    brand: z.object({ id: z.string().uuid(), key: z.string(), name: z.string() }).nullable(),
    salesperson: ref.nullable(),
    externalRefs: z.record(z.string(), z.string()).optional(),
  }),
  finance: z.object({
    currency: z.string(),
    monthlySaleCents: z.number().int(),
    monthlyPurchaseCents: z.number().int().optional(),
    monthlyMarginCents: z.number().int().optional(),
  }).optional(),
  sites: z.object({
    layout: z.enum(['compact', 'navigation']),
    lineCount: z.number().int(),
    items: z.array(z.object({ id: z.string().uuid(), name: z.string(), city: z.string().nullable(), lineCount: z.number().int(), fleets: z.array(fleet) })),
    /** Fleets of the account tied to no site. */
    unsitedFleets: z.array(fleet),
  }).optional(),
  billingSites: z.array(z.object({
    id: z.string().uuid(),
    name: z.string(),
    externalRef: z.string().nullable(),
    billingEmail: z.string().nullable(),
    billingContact: ref.nullable(),
    references: z.array(z.object({ system: z.string(), reference: z.string() })),
  })).optional(),
});

export type AccountPanel = z.infer<typeof accountPanel>;

/** `PUT /api/v1/telecom/accounts/{id}/brand`: the client's white-label brand, or none (SoftWhere's own). */
export const accountBrandUpdate = z.object({ brandId: uuid.nullable() }).strict();
export const accountBrand = z.object({ brandId: z.string().uuid().nullable(), version: z.number().int() });
