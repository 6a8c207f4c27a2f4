/** The backup workflows' names and ids (the API starts a drill by name; the schedules run them). */
export const BACKUP_WORKFLOW = { daily: 'backupDaily', drill: 'backupRestoreDrill' } as const;

/** One drill at a time: a drill asked for while one runs joins it (the API answers the running one). */
export const BACKUP_DRILL_WORKFLOW_ID = 'relais/backup-drill';

export interface DrillRequest {
  trigger: 'schedule' | 'manual';
  requestedBy?: string | null;
}
