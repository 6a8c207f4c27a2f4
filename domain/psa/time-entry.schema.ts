import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * Time spent on tickets (spec 003 §2.3.2, issue 14): what the API accepts and answers for time
 * entries, their review, the running timer and the pre-billing queue.
 */
export const TIME_KINDS = ['billable', 'non-billable', 'included', 'outside'] as const;
export const timeKind = z.enum(TIME_KINDS);
/** The internal value of time, hidden from technicians and clients (spec 003 §2.3.2: cost and margin are the MSP's). */
export const TIME_COST_FIELDS = ['hourlyCostCents', 'costCents', 'marginCents'] as const;
export const TIME_STATUSES = ['draft', 'submitted', 'approved', 'changes-requested'] as const;
export const timeStatus = z.enum(TIME_STATUSES);

const minutes = z.number().int().min(1).max(1440);
const instant = z.iso.datetime({ offset: true, message: fieldIssue('field.date-time') });

export const timeEntryCreate = z.object({
  ticketId: uuid,
  minutes,
  kind: timeKind,
  description: optionalText(2_000),
  /** When the work started; now when left out. */
  startedAt: instant.optional(),
  /** Whose time it is: the caller when left out (a manager may enter a technician's time). */
  userId: uuid.optional(),
}).strict();

export const timeEntryUpdate = z.object({
  ticketId: uuid,
  minutes,
  kind: timeKind,
  description: optionalText(2_000),
  startedAt: instant,
}).partial().strict();

export const timeEntryReview = z.object({ comment: requiredText(2_000) }).strict();
export const timeEntryApprove = z.object({ comment: optionalText(2_000) }).strict();

export const timeEntry = z.object({
  ...recordMeta,
  ticketId: z.string().uuid(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  ticketStatus: z.string(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  userId: z.string().uuid(),
  userName: z.string(),
  startedAt: z.string(),
  minutes: z.number().int(),
  kind: timeKind,
  status: timeStatus,
  description: z.string().nullable(),
  /** What an hour of this technician costs the MSP: internal, answered only with the `psa.time-entry.cost` field group (a manager, the admin). */
  hourlyCostCents: z.number().int().optional(),
  /** The price of an hour: the technician's rate, else the ticket's contract's hourly rate. */
  hourlyRateCents: z.number().int(),
  /** The entry's internal cost (minutes × hourly cost): `psa.time-entry.cost` only. */
  costCents: z.number().int().optional(),
  /** Before approval, what the entry would bill (billable and outside time); once approved, what it bills (its billed minutes). */
  priceCents: z.number().int(),
  /** Price less cost: `psa.time-entry.cost` only. */
  marginCents: z.number().int().optional(),
  contractId: z.string().uuid().nullable(),
  coveredMinutes: z.number().int(),
  billedMinutes: z.number().int(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().uuid().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
});

export const timerStart = z.object({ ticketId: uuid, note: optionalText(500) }).strict();
export const timerStop = z.object({ kind: timeKind.default('billable'), description: optionalText(2_000) }).strict();
export const timer = z.object({
  ticketId: z.string().uuid(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  accountName: z.string(),
  startedAt: z.string(),
  note: z.string().nullable(),
  /** Seconds elapsed by the server's clock (every device shows the same time). */
  elapsedSeconds: z.number().int(),
});
export const timerState = z.object({ timer: timer.nullable(), now: z.string() });
export const timerStopped = z.object({
  entry: timeEntry,
  /** Seconds the timer ran; the entry has them in whole minutes, a started minute counted (at least 1, at most 1,440). */
  elapsedSeconds: z.number().int(),
  /** The timer ran more than 24 hours: the entry holds 1,440 minutes, to correct. */
  capped: z.boolean(),
});

// ---- pre-billing ----
export const PREBILLING_STATUSES = ['pending', 'invoiced', 'excluded'] as const;
export const prebillingStatus = z.enum(PREBILLING_STATUSES);
/** Nothing is created by hand: the queue is fed by closed tickets' approved billed time. */
export const prebillingCreate = z.object({ ticketId: uuid }).strict();
/** Waive an item (`excluded`, with the reason kept in its history) or put it back in the queue (`pending`). */
export const prebillingUpdate = z.object({
  status: z.enum(['pending', 'excluded']),
  excludedReason: optionalText(1_000),
}).partial().strict();
export const prebillingItem = z.object({
  ...recordMeta,
  ticketId: z.string().uuid(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  status: prebillingStatus,
  minutes: z.number().int(),
  amountCents: z.number().int(),
  invoiceId: z.string().uuid().nullable(),
  invoiceNumber: z.string().nullable(),
  invoicedAt: z.string().nullable(),
  excludedReason: z.string().nullable(),
});
export const prebillingInvoice = z.object({
  ids: z.array(uuid).min(1).max(200),
  /** Issue the invoices at once (numbered, their dunning started) instead of leaving drafts to check. */
  issue: z.boolean().default(false),
}).strict();
export const prebillingReportItem = z.object({
  id: z.string().uuid(),
  outcome: z.enum(['invoiced', 'refused']),
  invoiceId: z.string().uuid().nullable(),
  invoiceNumber: z.string().nullable(),
  reason: z.string().nullable(),
});
export const prebillingReport = z.object({
  items: z.array(prebillingReportItem),
  invoices: z.array(z.object({ id: z.string().uuid(), accountId: z.string().uuid(), number: z.string().nullable(), status: z.string(), totalExcludingTaxCents: z.number().int(), issueProblem: z.string().nullable() })),
});
