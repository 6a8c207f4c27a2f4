import { z } from 'zod';
import { optionalText, recordMeta, uuid } from '../core/fields';
import { telecomKey } from './brand.schema';
import { FLEET_TYPES } from './fleet-kinds';

export const fleetType = z.enum(FLEET_TYPES);
export const FLEET_TYPE_VALUES = FLEET_TYPES;

/** A client's fleet (parc, spec 002 §5.2): TYPE + OPERATOR on a site, billed on a billing site; named « Mobile / Orange » unless named otherwise. */
export const fleetCreate = z.object({
  accountId: uuid,
  siteId: uuid.nullable().optional(),
  billingSiteId: uuid.nullable().optional(),
  type: fleetType,
  operatorKey: telecomKey,
  name: optionalText(200),
}).strict();
export const fleetUpdate = z.object({
  siteId: uuid.nullable(),
  billingSiteId: uuid.nullable(),
  name: optionalText(200),
}).partial().strict();
export const fleet = z.object({
  ...recordMeta,
  accountId: z.string().uuid(),
  accountName: z.string(),
  siteId: z.string().uuid().nullable(),
  siteName: z.string().nullable(),
  billingSiteId: z.string().uuid().nullable(),
  type: fleetType,
  operatorKey: z.string(),
  name: z.string(),
  /** Lines of the fleet not terminated. */
  lineCount: z.number().int(),
});

export type Fleet = z.infer<typeof fleet>;
