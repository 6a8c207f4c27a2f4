import type { ModuleJobInput } from '../core/module-job.contract';

/**
 * The nightly billing control (spec 002 §7, ADR 0045): a module job (workflows/core/module-job.contract.ts)
 * whose items are one per organisation with the telecom vertical and month controlled (last month and this
 * month, Paris), each run by `telecom.control.run` — the billing systems asked, then the anomalies recorded
 * in one transaction. Re-running a month updates its anomalies, never duplicates them.
 */
export const BILLING_CONTROL_JOB: ModuleJobInput = { list: 'telecom.control.jobs', each: 'telecom.control.run' };

export interface ControlJob {
  tenantId: string;
  period: string;
}

export interface TenantControl extends ControlJob {
  runId: string;
  found: number;
  opened: number;
  resolved: number;
}

/** The activities of the job (activities/telecom/control.activities.ts). */
export interface BillingControlActivities {
  /** Every telecom organisation × last month and this month; or only the organisations and months named. */
  'telecom.control.jobs'(input: { tenantIds?: string[]; periods?: string[] }): Promise<ControlJob[]>;
  'telecom.control.run'(input: ControlJob): Promise<TenantControl>;
}
