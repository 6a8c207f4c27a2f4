import { z } from 'zod';
import { cents, optionalText, recordMeta, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/** Contract between Epic Events and a client (spec 001, "Les contrats"). */
export const contractCreate = z.object({
  clientId: uuid,
  totalAmountCents: cents,
  /** What remains to be paid; the total when left out. Payments lower it afterwards. */
  amountDueCents: cents.optional(),
  notes: optionalText(10_000),
}).strict().refine((c) => c.amountDueCents === undefined || c.amountDueCents <= c.totalAmountCents, {
  message: fieldIssue('field.not-above-total'), path: ['amountDueCents'],
});
export const contractUpdate = z.object({
  totalAmountCents: cents,
  amountDueCents: cents,
  notes: optionalText(10_000),
}).partial().strict();
export const contract = z.object({
  ...recordMeta,
  number: z.number().int(),
  clientId: z.string().uuid(),
  clientName: z.string(),
  /** The client's sales contact (spec 001: "le commercial associé au client"). */
  salesContactId: z.string().uuid().nullable(),
  salesContactName: z.string().nullable(),
  totalAmountCents: z.number().int(),
  amountDueCents: z.number().int(),
  currency: z.string(),
  signed: z.boolean(),
  signedAt: z.string().nullable(),
  notes: z.string().nullable(),
});

export const paymentMethod = z.enum(['transfer', 'card', 'cheque', 'cash', 'other']);
export const paymentCreate = z.object({
  amountCents: cents.refine((v) => v > 0, fieldIssue('field.more-than-zero')),
  paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldIssue('field.iso-date')),
  method: paymentMethod,
  reference: optionalText(200),
}).strict();
export const payment = z.object({
  id: z.string().uuid(),
  contractId: z.string().uuid(),
  amountCents: z.number().int(),
  paidOn: z.string(),
  method: paymentMethod,
  reference: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string(),
});

export type ContractCreate = z.infer<typeof contractCreate>;
export type Contract = z.infer<typeof contract>;
export type PaymentCreate = z.infer<typeof paymentCreate>;
export type Payment = z.infer<typeof payment>;
