import { z } from 'zod';
import { address, optionalText, phone, recordMeta, requiredText, uuid } from './fields';

const editable = {
  name: requiredText(200),
  billingSiteId: uuid.nullable().optional(),
  phone,
  accessNotes: optionalText(5_000),
  ...address,
};

export const siteCreate = z.object({ accountId: uuid, ...editable }).strict();
export const siteUpdate = z.object(editable).partial().strict();
export const site = z.object({ ...recordMeta, accountId: z.string().uuid(), ...editable });
