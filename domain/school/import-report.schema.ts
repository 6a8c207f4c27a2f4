import { z } from 'zod';

/**
 * The registry import's report and runs as the API answers them (ADR 0050): one schema for the OpenAPI document and
 * the UI's types. A row's reason is written in the reader's language, its code beside it; `values.nir` is masked.
 */
export const reportValues = z.object({
  lastName: z.string().nullable(), firstName: z.string().nullable(), nir: z.string().nullable().describe('Masked: its last four characters only'),
  status: z.string().nullable(), address: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable(),
  personalPhone: z.string().nullable(), professionalPhone: z.string().nullable(), company: z.string().nullable(), cursus: z.string().nullable(),
});
export type ReportValues = z.infer<typeof reportValues>;

export const ROW_OUTCOMES = ['create', 'update', 'unchanged', 'rejected'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

export const reportRow = z.object({
  row: z.number(), outcome: z.enum(ROW_OUTCOMES), reason: z.string().optional(), reasonCode: z.string().optional(),
  warnings: z.array(z.string()).optional(), changed: z.array(z.string()).optional().describe('For an update: the fields that change'), values: reportValues,
});
export type ReportRowAnswer = z.infer<typeof reportRow>;

export const importCounts = z.object({ total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });
export type ImportCounts = z.infer<typeof importCounts>;

export const importReport = z.object({
  runId: z.string(), dryRun: z.boolean(), mapping: z.object({ id: z.string(), name: z.string(), version: z.number() }), counts: importCounts, rows: z.array(reportRow),
});
export type ImportReportAnswer = z.infer<typeof importReport>;

export const importRunSummary = importCounts.extend({
  id: z.string(), source: z.enum(['upload', 'schedule', 'cli']), fileName: z.string().nullable(), dryRun: z.boolean(), status: z.enum(['running', 'done', 'failed']),
  mappingId: z.string().nullable(), mappingVersion: z.number().nullable(), errorCode: z.string().nullable(), runDay: z.string().nullable(),
  attempts: z.number(), startedAt: z.string(), finishedAt: z.string().nullable(),
});
export type ImportRunSummary = z.infer<typeof importRunSummary>;
