/** The backup workflows' names and ids (the API starts a drill by name; the schedules run them). */
export const BACKUP_WORKFLOW = { daily: 'backupDaily', drill: 'backupRestoreDrill', documents: 'documentsReplication' } as const;

/**
 * One drill at a time: a drill asked for while one runs joins it (the API answers the running one).
 * `relais/backup-drill` on the production task queue `relais`; test runs have a queue each.
 */
export const backupDrillWorkflowId = (taskQueue: string): string => `${taskQueue}/backup-drill`;

export interface DrillRequest {
  trigger: 'schedule' | 'manual';
  requestedBy?: string | null;
}
