import { z } from 'zod';
import { address, cents, email, optionalText, phone, recordMeta, text, uuid } from '../core/fields';
import { validSiren, validSiret } from '../core/legal-identity';
import { fieldIssue } from '../i18n/zod-issues';
import { billingLineInput, unitCode, vatCategory } from './line.schema';

/**
 * The billing records' schemas (issue 13): what the API accepts and answers for the legal profile,
 * quotes, invoices, credit notes and payments. Lines are `billingLineInput` (line.schema.ts); totals
 * are computed by domain/billing/totals.ts and stored beside them.
 */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldIssue('field.iso-date'));
/** With their Luhn keys (legal-identity.ts): a mistyped number on an invoice is a missing mention. */
const siren = z.string().regex(/^\d{9}$/, fieldIssue('field.siren')).refine(validSiren, fieldIssue('field.siren')).nullable().optional();
const siret = z.string().regex(/^\d{14}$/, fieldIssue('field.siret')).refine(validSiret, fieldIssue('field.siret')).nullable().optional();
const vatNumber = z.string().trim().toUpperCase().regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, fieldIssue('field.vat')).nullable().optional();
export const documentLanguage = z.enum(['fr', 'en']);

// ---- parties, as frozen at issue (document-view.ts BillingParty / SellerParty) ----
/** Text fields a record answers as a string or null. */
const nullableTexts = <K extends string>(...keys: K[]) => Object.fromEntries(keys.map((key) => [key, z.string().nullable()])) as Record<K, z.ZodNullable<z.ZodString>>;
const ADDRESS_FIELDS = ['addressLine1', 'addressLine2', 'postalCode', 'city'] as const;

export const billingParty = z.object({
  name: z.string(),
  ...nullableTexts('tradingName', 'siren', 'siret', 'vatNumber', ...ADDRESS_FIELDS),
  country: z.string(),
  ...nullableTexts('email', 'phone'),
  isBusiness: z.boolean(),
});
export const sellerParty = billingParty.extend({
  legalForm: z.string().nullable(),
  shareCapitalCents: z.number().int().nullable(),
  ...nullableTexts('registration', 'iban', 'bic'),
});

// ---- the organisation's legal profile as a seller ----
/** `F-{YYYY}-{#####}`: fixed text, {YYYY} {YY} {MM} and one {#…#} counter (3 to 10 digits, zero-padded). Checked by numbering.ts. */
const numberFormat = text(60).min(1, fieldIssue('field.required'));
/** ISO 13616: the country, two check digits that make the whole number ≡ 1 (mod 97), the account. */
export function validIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(value)) return false;
  const digits = `${value.slice(4)}${value.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}
const iban = z.string().transform((v) => v.replace(/\s+/g, '').toUpperCase()).pipe(z.string().refine(validIban, fieldIssue('field.invalid'))).nullable().optional();
const bic = z.string().trim().toUpperCase().regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, fieldIssue('field.invalid')).nullable().optional();
/** A PNG or JPEG logo as a data URL, up to about 375 kB of image. */
const logoDataUrl = z.string().max(500_000, fieldIssue('field.too-long')).regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, fieldIssue('field.invalid')).nullable().optional();

export const billingProfileInput = z.object({
  legalName: optionalText(200),
  tradingName: optionalText(200),
  /** « SAS », « SARL », « EI »… */
  legalForm: optionalText(100),
  shareCapitalCents: cents.nullable().optional(),
  siren,
  siret,
  vatNumber,
  /** « RCS Quimper 123 456 789 », « RM 29 », « Dispensé d'immatriculation »… */
  registration: optionalText(200),
  ...address,
  email,
  phone,
  website: optionalText(300),
  iban,
  bic,
  paymentTermsDays: z.number().int().min(0).max(365).default(30),
  /** Late payment penalty, per year, in basis points (1215 = 12.15 %): at least three times the legal interest rate. */
  latePenaltyRateBasisPoints: z.number().int().min(0).max(10_000).nullable().optional(),
  /** « Pas d'escompte pour paiement anticipé. » when left out. */
  earlyPaymentDiscount: optionalText(300),
  /** The exemption an organisation without VAT prints (« TVA non applicable, art. 293 B du CGI »): lines at 0 % take it. */
  vatExemptionMention: optionalText(300),
  invoiceNumberFormat: numberFormat.default('F-{YYYY}-{#####}'),
  creditNoteNumberFormat: numberFormat.default('AV-{YYYY}-{#####}'),
  quoteNumberFormat: numberFormat.default('D-{YYYY}-{#####}'),
  /** The counters start again at 1 each calendar year (the formats must then show the year). */
  numberingYearlyReset: z.boolean().default(true),
  footer: optionalText(1_000),
  logoDataUrl,
}).strict();
export type BillingProfileInput = z.infer<typeof billingProfileInput>;

export const billingProfile = z.object({
  ...nullableTexts('legalName', 'tradingName', 'legalForm'),
  shareCapitalCents: z.number().int().nullable(),
  ...nullableTexts('siren', 'siret', 'vatNumber', 'registration', ...ADDRESS_FIELDS),
  country: z.string(),
  ...nullableTexts('email', 'phone', 'website', 'iban', 'bic'),
  paymentTermsDays: z.number().int(),
  latePenaltyRateBasisPoints: z.number().int().nullable(),
  ...nullableTexts('earlyPaymentDiscount', 'vatExemptionMention'),
  invoiceNumberFormat: z.string(),
  creditNoteNumberFormat: z.string(),
  quoteNumberFormat: z.string(),
  numberingYearlyReset: z.boolean(),
  ...nullableTexts('footer', 'logoDataUrl'),
  /** 0 while the organisation has never saved its profile. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  /** The mandatory items still missing before a document can be issued (fields of this profile), empty when complete. */
  missing: z.array(z.string()),
});

// ---- lines and totals, as answered ----
export const computedLine = z.object({
  id: z.string(),
  catalogueItemId: z.string().uuid().nullable().optional(),
  description: z.string(),
  quantity: z.number(),
  unit: unitCode,
  unitPriceCents: z.number().int(),
  discountBasisPoints: z.number().int(),
  vatRateBasisPoints: z.number().int(),
  vatCategory,
  vatExemptionReason: z.string().nullable().optional(),
  netCents: z.number().int(),
});
export const vatBreakdownRow = z.object({
  category: vatCategory,
  rateBasisPoints: z.number().int(),
  taxableCents: z.number().int(),
  taxCents: z.number().int(),
  exemptionReason: z.string().nullable(),
});
const totals = {
  lines: z.array(computedLine),
  vatBreakdown: z.array(vatBreakdownRow),
  totalExcludingTaxCents: z.number().int(),
  totalTaxCents: z.number().int(),
  totalIncludingTaxCents: z.number().int(),
  currency: z.literal('EUR'),
  language: documentLanguage,
};
const parties = { seller: sellerParty.nullable(), buyer: billingParty.nullable() };
const accountFacts = { accountId: z.string().uuid(), accountName: z.string() };

const lines = z.array(billingLineInput).max(500);

// ---- quotes ----
export const quoteStatus = z.enum(['draft', 'sent', 'accepted', 'refused', 'expired']);
const quoteEditable = {
  billingSiteId: uuid.nullable().optional(),
  lines,
  /** Valid until (30 days after it is sent when left out). */
  validUntil: isoDate.nullable().optional(),
  /** Conditions shown on the quote (delays, what is included). */
  terms: optionalText(5_000),
  notes: optionalText(5_000),
  buyerReference: optionalText(100),
  language: documentLanguage.optional(),
};
export const quoteCreate = z.object({ accountId: uuid, ...quoteEditable, lines: lines.default([]) }).strict();
export const quoteUpdate = z.object({ accountId: uuid, ...quoteEditable }).partial().strict();
export const quote = z.object({
  ...recordMeta,
  number: z.string().nullable(),
  status: quoteStatus,
  ...accountFacts,
  billingSiteId: z.string().uuid().nullable(),
  issueDate: z.string().nullable(),
  validUntil: z.string().nullable(),
  terms: z.string().nullable(),
  notes: z.string().nullable(),
  buyerReference: z.string().nullable(),
  ...totals,
  ...parties,
  sentAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The invoices made from it (deposit, final or standard), by id. */
  invoiceIds: z.array(z.string().uuid()),
});

export const quoteAccept = z.object({
  /** What the acceptance makes: the invoice of the whole quote (default), a deposit invoice, or nothing yet. */
  invoice: z.enum(['standard', 'deposit', 'none']).default('standard'),
  /** The deposit, as a share of the quote (3000 = 30 %); required for a deposit invoice. */
  depositBasisPoints: z.number().int().min(1).max(9_999).optional(),
  /** Issue the invoice at once (numbered) instead of leaving a draft. */
  issue: z.boolean().default(false),
}).strict();

// ---- invoices ----
export const invoiceKind = z.enum(['standard', 'deposit', 'final']);
export const invoiceStatus = z.enum(['draft', 'issued', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled']);
const invoiceEditable = {
  billingSiteId: uuid.nullable().optional(),
  lines,
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
  /** Days from issue to due date; the account's terms, else the profile's, when left out. */
  paymentTermsDays: z.number().int().min(0).max(365).nullable().optional(),
  buyerReference: optionalText(100),
  notes: optionalText(5_000),
  language: documentLanguage.optional(),
};
export const invoiceCreate = z.object({
  accountId: uuid,
  /** A deposit invoice (acompte) may be made without a quote; a final invoice comes from an accepted quote. */
  kind: z.enum(['standard', 'deposit']).default('standard'),
  ...invoiceEditable,
  lines: lines.default([]),
}).strict();
export const invoiceUpdate = z.object({ accountId: uuid, ...invoiceEditable }).partial().strict();
export const depositDeducted = z.object({ id: z.string().uuid(), number: z.string(), issueDate: z.string(), amountIncludingTaxCents: z.number().int() });
export const invoice = z.object({
  ...recordMeta,
  number: z.string().nullable(),
  kind: invoiceKind,
  status: invoiceStatus,
  ...accountFacts,
  billingSiteId: z.string().uuid().nullable(),
  quoteId: z.string().uuid().nullable(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  paymentTermsDays: z.number().int().nullable(),
  depositBasisPoints: z.number().int().nullable(),
  buyerReference: z.string().nullable(),
  notes: z.string().nullable(),
  ...totals,
  ...parties,
  depositsDeducted: z.array(depositDeducted),
  depositsDeductedCents: z.number().int(),
  paidCents: z.number().int(),
  creditedCents: z.number().int(),
  amountDueCents: z.number().int(),
  /** Past its due date with money still due. */
  overdue: z.boolean(),
  paymentUrl: z.string().nullable(),
  issuedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});

export const invoiceSend = z.object({
  /** When it was sent, if not now (a mail sent by the comms port reports its own time). */
  sentAt: z.iso.datetime({ offset: true }).optional(),
}).strict();

// ---- credit notes ----
export const creditNoteStatus = z.enum(['draft', 'issued']);
/** A credit note of an invoice: the whole of what remains creditable when `lines` is left out, else these lines. */
export const creditNoteCreate = z.object({
  invoiceId: uuid,
  reason: optionalText(1_000),
  lines: lines.optional(),
  language: documentLanguage.optional(),
}).strict();
export const creditNoteUpdate = z.object({ reason: optionalText(1_000), lines, language: documentLanguage }).partial().strict();
/** POST /invoices/{id}/credit-note: made and issued in one action. */
export const invoiceCreditNote = z.object({
  reason: optionalText(1_000),
  lines: lines.optional(),
  /** Leave it a draft (to review) instead of issuing it at once. */
  draft: z.boolean().default(false),
}).strict();
export const creditNote = z.object({
  ...recordMeta,
  number: z.string().nullable(),
  status: creditNoteStatus,
  invoiceId: z.string().uuid(),
  invoiceNumber: z.string().nullable(),
  ...accountFacts,
  reason: z.string().nullable(),
  issueDate: z.string().nullable(),
  ...totals,
  ...parties,
  /** What it took off the invoice's amount due, and what went to the client's account credit (already paid). */
  appliedCents: z.number().int(),
  toAccountCreditCents: z.number().int(),
  issuedAt: z.string().nullable(),
});

// ---- payments ----
export const paymentMethod = z.enum(['transfer', 'card', 'cheque', 'cash', 'direct_debit', 'other']);
export const paymentCreate = z.object({
  amountCents: cents.refine((v) => v > 0, fieldIssue('field.more-than-zero')),
  /** The day the money was received (today when left out). */
  paidOn: isoDate.optional(),
  method: paymentMethod,
  reference: optionalText(200),
  /** The payment's id at its provider (Stripe, the accounting software): the same id recorded twice is one payment. */
  externalId: text(200).min(1, fieldIssue('field.required')).optional(),
}).strict();
export type PaymentCreate = z.input<typeof paymentCreate>;
export const payment = z.object({
  id: z.string().uuid(),
  invoiceId: z.string().uuid(),
  amountCents: z.number().int(),
  paidOn: z.string(),
  method: z.enum([...paymentMethod.options, 'account_credit']),
  reference: z.string().nullable(),
  externalId: z.string().nullable(),
  source: z.enum(['manual', 'stripe', 'accounting', 'account_credit']),
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string(),
});
export const paymentRecorded = z.object({
  payment,
  invoice,
  /** True when this external id was already recorded: nothing changed. */
  duplicate: z.boolean(),
});
export const applyCredit = z.object({ amountCents: cents.refine((v) => v > 0, fieldIssue('field.more-than-zero')).optional() }).strict();

// ---- an account's standing ----
export const accountBalance = z.object({
  accountId: z.string().uuid(),
  invoicedCents: z.number().int(),
  dueCents: z.number().int(),
  overdueCents: z.number().int(),
  /** Unapplied credit: what the organisation owes the client (credit notes above what was due). */
  creditCents: z.number().int(),
  openInvoices: z.number().int(),
});
