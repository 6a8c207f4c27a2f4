import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { isoDate } from './billing.schema';
import { billingLineInput } from './line.schema';

/**
 * Subscriptions (recurring invoicing, spec 003): what the API accepts and answers. Each period
 * invoices `lines`; per machine, user or site, each line's quantity is multiplied by the
 * subscription's `quantity` (12 workstations × 1 « Infogérance poste de travail »); flat, the lines
 * are invoiced as written. `mode`: the period's invoice stays a draft to review, or is issued at once
 * (numbered, and its dunning process starts).
 */
export const subscriptionFrequency = z.enum(['monthly', 'quarterly', 'yearly']);
export const subscriptionBasis = z.enum(['machine', 'user', 'site', 'flat']);
export const subscriptionMode = z.enum(['draft', 'issued']);

const lines = z.array(billingLineInput).min(1, fieldIssue('field.required')).max(200);
/** A calendar day that exists (not 2026-02-30), between 1900 and 2200. */
const day = isoDate.refine((v) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v < '2200-01-01';
}, fieldIssue('field.iso-date'));
const count = z.number().int().min(1).max(1_000_000);

const editable = {
  /** « Infogérance — 12 postes », shown in lists and on each invoice's notes. */
  name: requiredText(200),
  billingSiteId: uuid.nullable().optional(),
  lines,
  basis: subscriptionBasis,
  /** How many machines, users or sites are billed (1 for a flat subscription). */
  quantity: count.default(1),
  /** The day billing stops (not billed: the last period ends the day before); none: until stopped. */
  endDate: day.nullable().optional(),
  mode: subscriptionMode.default('draft'),
  active: z.boolean().default(true),
  notes: optionalText(2_000),
};

export const subscriptionCreate = z.object({
  accountId: uuid,
  frequency: subscriptionFrequency,
  /** The first day of the first period; periods follow from it (1, 3 or 12 months). */
  startDate: day,
  ...editable,
}).strict();

/** Frequency and start date change only while no period was invoiced (subscriptions.ts says why). */
export const subscriptionUpdate = z.object({
  frequency: subscriptionFrequency,
  startDate: day,
  ...editable,
  quantity: count,
  mode: subscriptionMode,
  active: z.boolean(),
}).partial().strict();

export const subscription = z.object({
  ...recordMeta,
  number: z.number().int(),
  name: z.string(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  billingSiteId: z.string().uuid().nullable(),
  lines: z.array(billingLineInput),
  frequency: subscriptionFrequency,
  basis: subscriptionBasis,
  quantity: z.number().int(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** The first period not invoiced yet. */
  nextPeriodStart: z.string(),
  mode: subscriptionMode,
  active: z.boolean(),
  notes: z.string().nullable(),
  /** How many periods were invoiced. */
  invoicedPeriods: z.number().int(),
});

/** One invoiced period (`GET /billing/subscriptions/{id}/periods`). */
export const subscriptionPeriod = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  invoiceId: z.string().uuid(),
  /** Null while the invoice is a draft. */
  invoiceNumber: z.string().nullable(),
  invoiceStatus: z.string(),
  totalIncludingTaxCents: z.number().int(),
  createdAt: z.string(),
});
