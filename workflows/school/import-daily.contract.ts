/**
 * The daily registry import (spec 004, issue 18, ADR 0050): a Temporal Schedule starts `schoolDailyImport` every hour;
 * `school.import.due` answers the organisations whose hour it is (Paris) and whose day is not imported yet, each then
 * imported by `school.import.day` — the day's file from its drop folder, the saved mapping, the report mailed to the
 * registry's owner — retried (a file dropped late is picked up by a later attempt); a day that still fails is
 * flagged by `school.import.flag`: its run recorded failed with its code, the owner mailed. Payloads hold ids only.
 */
export const SCHOOL_DAILY_IMPORT_WORKFLOW = 'schoolDailyImport';

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
  errorCode: string | null;
}

/** Failure types `school.import.day` raises (ApplicationFailure's type): the workflow records them as the run's error code. */
export const DAILY_IMPORT_ERRORS = ['no-file', 'folder-unreadable', 'not-configured', 'layout', 'failed'] as const;

export interface DailyImportActivities {
  'school.import.due'(input: DailyImportInput): Promise<DailyImportJob[]>;
  'school.import.day'(input: DailyImportJob): Promise<DailyImportOutcome>;
  'school.import.flag'(input: DailyImportJob & { errorCode: string }): Promise<DailyImportOutcome>;
}
