import { z } from 'zod';

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
