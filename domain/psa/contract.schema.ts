import { z } from 'zod';
import { cents, optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { isoDate } from '../billing/billing.schema';
import { subscriptionBasis, subscriptionFrequency, subscriptionMode } from '../billing/subscription.schema';

/**
 * MSP contracts (spec 003 §2.2): an hour bank (prepaid packs of 10, 20, 50 h…, its balance kept
 * by the hour ledger), a monthly subscription (a billing subscription per machine, user, site or
 * flat, invoiced by billing's recurring invoicing) or time and material (every hour billed at the
 * hourly rate). What the API accepts and answers; the rules across fields are in contracts.ts.
 */
export const contractType = z.enum(['hour-bank', 'subscription', 'time-and-material']);
export const contractStatus = z.enum(['draft', 'active', 'ended']);
export type ContractType = z.infer<typeof contractType>;

/** An hour bank alert: a share of the pack left (20 %) or a number of minutes left (120 = 2 h). */
export const alertThreshold = z.union([
  z.object({ percent: z.number().int().min(1).max(99) }).strict(),
  z.object({ minutes: z.number().int().min(1).max(100_000) }).strict(),
]);
export type AlertThreshold = z.infer<typeof alertThreshold>;

/** A calendar day that exists (not 2026-02-30), between 1900 and 2200: PostgreSQL never sees an impossible date. */
const day = isoDate.refine((v) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v < '2200-01-01';
}, fieldIssue('field.iso-date'));
/** An hourly rate (an integer column): up to 1,000,000.00 € an hour. */
const rate = z.number().int(fieldIssue('field.whole-cents')).min(0).max(100_000_000);

const minutes = z.number().int(fieldIssue('field.whole-number')).min(1).max(600_000);

/** The billing subscription a subscription contract creates with it (its one line: the service, per machine, user or site). */
export const contractSubscriptionInput = z.object({
  frequency: subscriptionFrequency.default('monthly'),
  basis: subscriptionBasis,
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  description: requiredText(1_000),
  unitPriceCents: cents,
  vatRateBasisPoints: z.number().int().min(0).max(10_000).default(2000),
  mode: subscriptionMode.default('draft'),
}).strict();

const editable = {
  name: requiredText(200),
  status: contractStatus.default('active'),
  endDate: day.nullable().optional(),
  /** Price of an hour outside the contract, and of every hour of time and material. */
  hourlyRateCents: rate.default(0),
  /** Hour bank: the pack it sells (600 = 10 h) and its price excluding tax. */
  packMinutes: minutes.nullable().optional(),
  packPriceCents: cents.nullable().optional(),
  alertThresholds: z.array(alertThreshold).max(10).default([]),
  subscriptionId: uuid.nullable().optional(),
  slaPolicyId: uuid.nullable().optional(),
  accountManagerId: uuid.nullable().optional(),
  clientContactId: uuid.nullable().optional(),
  notes: optionalText(10_000),
};

export const contractCreate = z.object({
  accountId: uuid,
  type: contractType,
  startDate: day,
  ...editable,
  /** A subscription contract: the billing subscription to create with it (else `subscriptionId` links one). */
  subscription: contractSubscriptionInput.optional(),
  opportunityId: uuid.nullable().optional(),
  quoteId: uuid.nullable().optional(),
}).strict();
export type ContractCreate = z.input<typeof contractCreate>;

export const contractUpdate = z.object({
  startDate: day,
  ...editable,
  status: contractStatus,
  hourlyRateCents: rate,
  alertThresholds: z.array(alertThreshold).max(10),
}).partial().strict();

export const contract = z.object({
  ...recordMeta,
  number: z.number().int(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  name: z.string(),
  type: contractType,
  status: contractStatus,
  startDate: z.string(),
  endDate: z.string().nullable(),
  hourlyRateCents: z.number().int(),
  packMinutes: z.number().int().nullable(),
  packPriceCents: z.number().int().nullable(),
  /** Hour bank: the ledger's sum (kept equal to it by the database) and every minute ever purchased. */
  remainingMinutes: z.number().int(),
  purchasedMinutes: z.number().int(),
  alertThresholds: z.array(alertThreshold),
  subscriptionId: z.string().uuid().nullable(),
  slaPolicyId: z.string().uuid().nullable(),
  opportunityId: z.string().uuid().nullable(),
  quoteId: z.string().uuid().nullable(),
  accountManagerId: z.string().uuid().nullable(),
  accountManagerName: z.string().nullable(),
  clientContactId: z.string().uuid().nullable(),
  notes: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
});

/** Buying a pack: the contract's pack by default; the invoice stays a draft unless `issue`. */
export const packPurchase = z.object({
  minutes: minutes.optional(),
  priceCents: cents.optional(),
  /** Issue the pack's invoice at once (numbered, its dunning started); a draft to review otherwise. */
  issue: z.boolean().default(false),
}).strict();
export type PackPurchase = z.input<typeof packPurchase>;

/** One movement of the hour ledger, as `GET /psa/contracts/{id}/hours` lists them. */
export const hourMovement = z.object({
  id: z.string().uuid(),
  kind: z.enum(['purchase', 'consumption', 'reversal', 'adjustment']),
  minutes: z.number().int(),
  /** The balance right after it. */
  balanceMinutes: z.number().int(),
  timeEntryId: z.string().uuid().nullable(),
  ticketId: z.string().uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  ticketTitle: z.string().nullable(),
  invoiceId: z.string().uuid().nullable(),
  invoiceNumber: z.string().nullable(),
  reason: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const contractHours = z.object({
  contractId: z.string().uuid(),
  remainingMinutes: z.number().int(),
  purchasedMinutes: z.number().int(),
  packMinutes: z.number().int().nullable(),
  alertThresholds: z.array(alertThreshold),
  items: z.array(hourMovement),
});
