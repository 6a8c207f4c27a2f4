import { z } from 'zod';
import { text, uuid } from '../core/fields';

/** SoftWhere's own client id (« SW-000123 »), unique in the organisation. */
export const softwhereId = z.string().trim().regex(/^SW-[0-9]{6}$/, 'telecom.hierarchy.softwhere-id');

/** References of the account in other systems (the former extranet, CFAST's client, Pennylane's…): name → reference. */
export const externalRefs = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/), text(100)).refine((r) => Object.keys(r).length <= 20);

/** The telecom side of an account (spec 002 §4.2): its SoftWhere id, its white-label brand, its external references. */
export const accountProfileUpsert = z.object({
  softwhereId,
  brandId: uuid.nullable().optional(),
  externalRefs: externalRefs.optional(),
}).strict();
export const accountProfile = z.object({
  accountId: z.string().uuid(),
  softwhereId: z.string(),
  brandId: z.string().uuid().nullable(),
  externalRefs: z.record(z.string(), z.string()),
  version: z.number().int(),
});

export type AccountProfile = z.infer<typeof accountProfile>;
