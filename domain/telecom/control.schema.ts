import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';
import { ANOMALY_KINDS, ANOMALY_SOURCES } from './control-rules';

/** The billing control's shapes (spec 002 §7, ADR 0045): API validation, OpenAPI and the UI's forms read these. */

export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'telecom.control.field-period' });
export const operatorKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'telecom.control.field-operator' });
const uuid = z.string().uuid(fieldIssue('field.uuid'));
const cents = z.number().int(fieldIssue('field.whole-cents')).min(0, fieldIssue('field.too-small')).max(100_000_000, fieldIssue('field.too-big'));
const note = z.string().trim().max(2000, fieldIssue('field.too-long'));

export const ANOMALY_STATUSES = ['open', 'fixing', 'resolved', 'dismissed'] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];
export const FIX_ACTIONS = ['terminate-billing', 'dispute', 'update-catalogue'] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** `GET /telecom/anomalies` filters, with the platform's cursor paging. */
export const anomalyListQuery = z.object({
  kind: z.enum(ANOMALY_KINDS).optional(),
  status: z.enum(ANOMALY_STATUSES).optional(),
  accountId: uuid.optional(),
  lineId: uuid.optional(),
  limit: z.coerce.number().int(fieldIssue('field.whole-number')).min(1, fieldIssue('field.too-small')).max(200, fieldIssue('field.too-big')).default(50),
  cursor: z.string().max(500, fieldIssue('field.too-long')).optional(),
}).strict();
export type AnomalyListQuery = z.infer<typeof anomalyListQuery>;

/** An anomaly as answered; the two prices are left out for a role that may not see purchase prices (« voir marge »). */
export const anomaly = z.object({
  id: z.string(),
  kind: z.enum(ANOMALY_KINDS),
  lineId: z.string(),
  lineNumber: z.string().nullable(),
  accountId: z.string(),
  accountName: z.string().nullable(),
  operatorKey: z.string(),
  source: z.enum(ANOMALY_SOURCES),
  productCode: z.string().nullable(),
  billedCents: z.number().optional(),
  expectedCents: z.number().nullable().optional(),
  monthlyLossCents: z.number(),
  lossToDateCents: z.number(),
  since: z.string(),
  firstPeriod: z.string(),
  lastSeenPeriod: z.string(),
  status: z.enum(ANOMALY_STATUSES),
  fixAction: z.enum(FIX_ACTIONS).nullable(),
  fixDeploymentId: z.string().nullable(),
  fixTaskId: z.string().nullable(),
  recoveredCents: z.number(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Anomaly = z.infer<typeof anomaly>;

/** `POST /telecom/supplier-invoices`: an operator's file, as its text (the UI reads the file). */
export const supplierInvoiceImport = z.object({
  operatorKey,
  period,
  reference: z.string().trim().min(1, fieldIssue('field.required')).max(120, fieldIssue('field.too-long')),
  fileName: z.string().trim().max(200, fieldIssue('field.too-long')).optional(),
  csv: z.string().min(1, fieldIssue('field.required')).max(5_000_000, fieldIssue('field.too-long')),
}).strict();
export type SupplierInvoiceImport = z.infer<typeof supplierInvoiceImport>;

/** `POST /telecom/supplier-invoices/fetch`: the operator's invoice lines read through its port. */
export const supplierInvoiceFetch = z.object({ operatorKey, period }).strict();

/** `POST /telecom/control-runs`: the period to control (this month when left out). */
export const controlRunCreate = z.object({ period: period.optional() }).strict();

/** `POST /telecom/anomalies/{id}/fix`: start fixing it (a deployment or a task). */
export const anomalyFix = z.object({ action: z.enum(FIX_ACTIONS), note: note.optional() }).strict();

/** `POST /telecom/anomalies/{id}/decision` (If-Match): resolved with the money recovered, dismissed, or reopened. */
export const anomalyDecision = z.object({
  status: z.enum(['resolved', 'dismissed', 'open']),
  recoveredCents: cents.optional(),
  note: note.optional(),
}).strict();
export type AnomalyDecision = z.infer<typeof anomalyDecision>;

/** The control report of a month. */
export const controlReport = z.object({
  period: z.string(),
  lastRunAt: z.string().nullable(),
  invoices: z.array(z.object({ id: z.string(), operatorKey: z.string(), reference: z.string(), source: z.string(), rowCount: z.number(), totalCents: z.number(), createdAt: z.string() })),
  byKind: z.array(z.object({ kind: z.enum(ANOMALY_KINDS), found: z.number(), open: z.number(), fixing: z.number(), resolved: z.number(), dismissed: z.number(), monthlyLossCents: z.number() })),
  openMonthlyLossCents: z.number(),
  resolvedInPeriod: z.number(),
  recoveredCents: z.number(),
  monthlySavingsCents: z.number(),
});
export type ControlReport = z.infer<typeof controlReport>;
