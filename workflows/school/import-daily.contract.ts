import type { ModuleJobInput } from '../core/module-job.contract';

/**
 * The daily registry import (spec 004, issue 18, ADR 0050): a module job (workflows/core/module-job.contract.ts) started
 * every hour by a Temporal Schedule. `school.import.due` answers the organisations whose import hour (Paris) has come
 * and whose day is not imported yet; `school.import.day` imports one: the day's file from its drop folder, the saved
 * mapping, the report mailed to the registry's owner. A missing file is retried (the job's retries, then again at the
 * next hours of the day: a file dropped late is picked up); a day that fails past its retries is flagged — its run
 * recorded failed with its code, the owner mailed — and the other organisations go on. Payloads hold ids only.
 */
export const SCHOOL_DAILY_IMPORT_JOB: ModuleJobInput = { list: 'school.import.due', each: 'school.import.day' };

/** The attempts `moduleJob` gives an item (workflows/core/module-job.workflow.ts): the last one flags the day instead of failing. */
export const DAILY_IMPORT_ATTEMPTS = 5;

export interface DailyImportInput {
  /** Only these organisations, whatever their hour (a test, an operator). */
  tenantIds?: string[];
  /** The day imported (YYYY-MM-DD, Paris); today by default. */
  day?: string;
}

export interface DailyImportJob { tenantId: string; day: string }

export interface DailyImportOutcome extends DailyImportJob {
  runId: string | null;
  status: 'done' | 'failed';
  /** Why a day failed: no-file, folder-unreadable, not-configured, layout, failed. */
  errorCode: string | null;
}

export interface DailyImportActivities {
  'school.import.due'(input: DailyImportInput): Promise<DailyImportJob[]>;
  'school.import.day'(input: DailyImportJob): Promise<DailyImportOutcome>;
}
