import { z } from 'zod';
import { DATA_CATEGORIES, LEGAL_BASES, type DataCategory, type LegalBasis } from './personal-data';
import { registerEntryInput } from './register';

/** What `GET /api/v1/gdpr/register` answers (domain/gdpr/register.ts): the OpenAPI document is generated from it. */
export const registerEntryView = registerEntryInput.extend({
  key: z.string(),
  module: z.string(),
  legalBasis: z.enum(Object.keys(LEGAL_BASES) as [LegalBasis, ...LegalBasis[]]),
  legalBasisLabel: z.string(),
  retention: z.object({ duration: z.string(), from: z.string(), legalReference: z.string().nullable() }),
  transfersOutsideEu: z.string().nullable(),
  dataCategories: z.array(z.object({ key: z.enum(Object.keys(DATA_CATEGORIES) as [DataCategory, ...DataCategory[]]), label: z.string(), sensitive: z.boolean() })),
  columns: z.array(z.object({
    table: z.string(), column: z.string(), category: z.string(), categoryLabel: z.string(), sensitive: z.boolean(), operator: z.string(),
  })),
  edited: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().datetime().nullable(),
});

export const registerView = z.object({
  organisation: z.object({ name: z.string(), slug: z.string() }),
  activities: z.array(registerEntryView),
});
