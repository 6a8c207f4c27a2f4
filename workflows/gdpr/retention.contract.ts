import type { RetentionRunView } from '../../domain/gdpr/retention.schema';

/** What the retention run, its activities and its schedule share (STYLE §3). */
export const RETENTION_WORKFLOW = 'gdprRetentionRun';

export interface RetentionRunInput {
  /** The day (Paris) the run judges expiry on; the workflow's own day when left out (the schedule's runs). */
  today?: string;
  /** Only these organisations (a run asked for one organisation); every organisation when left out. */
  tenantIds?: string[];
}

/** One organisation's part of a run (counts only: no personal value, no name). */
export interface TenantRetention {
  tenantId: string;
  anonymised: number;
  deleted: number;
  held: number;
}

export interface RetentionRunResult {
  today: string;
  tenants: TenantRetention[];
}

/** The activities the run calls (activities/gdpr/retention.activities.ts). */
export interface RetentionActivities {
  'gdpr.retention.tenants'(): Promise<string[]>;
  'gdpr.retention.run'(input: { tenantId: string; today: string; runId: string }): Promise<TenantRetention>;
}

export type { RetentionRunView };
