import { z } from 'zod';
import { address, cents, email, optionalText, phone, recordMeta, requiredText, text, uuid } from './fields';
import { fieldIssue } from '../i18n/zod-issues';

export const accountStatus = z.enum(['prospect', 'active', 'suspended', 'closed']);

const siren = z.string().regex(/^\d{9}$/, fieldIssue('field.siren')).nullable().optional();
const siret = z.string().regex(/^\d{14}$/, fieldIssue('field.siret')).nullable().optional();
const vat = z.string().regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, fieldIssue('field.vat')).nullable().optional();
/** NAF rev. 2 code of the main activity (`62.02A`), as the company registry gives it. */
const naf = z.string().regex(/^\d{2}\.\d{2}[A-Z]$/, fieldIssue('field.invalid')).nullable().optional();

const editable = {
  name: requiredText(200),
  legalName: optionalText(200),
  siren,
  siret,
  vatNumber: vat,
  nafCode: naf,
  externalRef: optionalText(100),
  status: accountStatus,
  ownerId: uuid.nullable(),
  supportUserId: uuid.nullable(),
  email,
  phone,
  website: text(300).nullable().optional(),
  ...address,
  paymentTermsDays: z.number().int().min(0).max(365).nullable(),
  creditLimitCents: cents.nullable(),
  notes: optionalText(10_000),
};

/** Compte client: the main object of the CRM (spec 002 §4.2). */
export const accountCreate = z.object({
  ...editable,
  status: accountStatus.default('prospect'),
  ownerId: editable.ownerId.optional(),
  supportUserId: editable.supportUserId.optional(),
  paymentTermsDays: editable.paymentTermsDays.optional(),
  creditLimitCents: editable.creditLimitCents.optional(),
}).strict();
export const accountUpdate = z.object(editable).partial().strict();
export const account = z.object({
  ...recordMeta,
  number: z.number().int(),
  ...editable,
  currency: z.string(),
});

export type AccountCreate = z.infer<typeof accountCreate>;
export type AccountUpdate = z.infer<typeof accountUpdate>;
export type Account = z.infer<typeof account>;

/** Read only with `core.account.finance.read` (field-level permission). */
export const ACCOUNT_FINANCE_FIELDS = ['paymentTermsDays', 'creditLimitCents'] as const;
