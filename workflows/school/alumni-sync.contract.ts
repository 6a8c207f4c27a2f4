import type { ModuleJobInput } from '../core/module-job.contract';

/**
 * The nightly two-way Alumnet sync (spec 004 constraint 9, ADR 0051): a module job (workflows/core/module-job.contract.ts)
 * whose items are the school organisations with an enabled Alumnet connection, each synced by
 * `school.alumni-sync.run`: what Alumnet changed since the last run pulled, what the school changed pushed,
 * the run's changes written in one transaction. A failed run (the network away, a changed answer) is recorded
 * failed, the IT office is mailed, and nothing local changes; the item itself succeeds so that the other
 * organisations are synced. Payloads hold ids only.
 */
export const ALUMNI_SYNC_JOB: ModuleJobInput = { list: 'school.alumni-sync.jobs', each: 'school.alumni-sync.run' };

export type AlumniSyncTrigger = 'schedule' | 'manual' | 'demo';

export interface AlumniSyncJob {
  tenantId: string;
  trigger: AlumniSyncTrigger;
  /** Who asked for a manual run (a user id), null for the schedule. */
  startedBy: string | null;
}

export interface AlumniSyncOutcome {
  tenantId: string;
  runId: string | null;
  status: 'succeeded' | 'failed' | 'skipped';
  pulled: number;
  pushed: number;
  conflicts: number;
  errorCode: string | null;
}

/** The activities of the job (activities/school/alumni-sync.activities.ts). */
export interface AlumniSyncActivities {
  /** Every school organisation with an enabled connection; or only those named (a manual run, a test). */
  'school.alumni-sync.jobs'(input: { tenantIds?: string[]; trigger?: AlumniSyncTrigger; startedBy?: string | null }): Promise<AlumniSyncJob[]>;
  'school.alumni-sync.run'(input: AlumniSyncJob): Promise<AlumniSyncOutcome>;
}
