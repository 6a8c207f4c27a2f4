import { z } from 'zod';
import { address, email, optionalText, recordMeta, requiredText, uuid } from './fields';

const editable = {
  name: requiredText(200),
  /** The billing point in the billing system (CFAST, Pennylane, …). */
  externalRef: optionalText(100),
  billingContactId: uuid.nullable().optional(),
  billingEmail: email,
  ...address,
};

export const billingSiteCreate = z.object({ accountId: uuid, ...editable }).strict();
export const billingSiteUpdate = z.object(editable).partial().strict();
export const billingSite = z.object({ ...recordMeta, accountId: z.string().uuid(), ...editable });
