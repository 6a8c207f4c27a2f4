import { z } from 'zod';
import { requiredText, uuid } from '../core/fields';
import { telecomKey } from './brand.schema';

/** The billing systems a billing site may be known in (spec 002 §4.5); another one is a key of its own. */
export const BILLING_SYSTEMS = ['cfast', 'pennylane'] as const;

/** A billing site's reference in a billing system: its CFAST billing point, its Pennylane customer… */
export const billingSiteRefCreate = z.object({
  billingSiteId: uuid,
  system: telecomKey,
  reference: requiredText(100),
}).strict();
/** `PUT /telecom/billing-sites/{id}/refs/{system}`: the reference there (null or empty: none any more). */
export const billingSiteRefPut = z.object({ reference: requiredText(100).nullable() }).strict();
export const billingSiteRef = z.object({
  id: z.string().uuid(),
  billingSiteId: z.string().uuid(),
  system: z.string(),
  reference: z.string(),
});

export type BillingSiteRef = z.infer<typeof billingSiteRef>;
