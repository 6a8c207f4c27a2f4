import { http } from './client';

/** What GET /api/v1/backups answers (domain/backup/backup.schema.ts, ADR 0020). */
export interface BackupItem {
  name: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  sizeBytes: number | null;
  locations: string[];
  tables: number | null;
  rows: number | null;
  error: string | null;
}

export interface DrillItem {
  id: string;
  backupName: string | null;
  trigger: 'schedule' | 'manual';
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'pass' | 'fail';
  reason: string | null;
  tables: number | null;
  rows: number | null;
  durationMs: number | null;
}

export interface BackupsOverview {
  backups: BackupItem[];
  latestDrill: DrillItem | null;
  drills: DrillItem[];
  schedule: { backup: string; drill: string; retention: { daily: number; weekly: number; monthly: number } };
}

export const backupsApi = {
  overview: (signal?: AbortSignal) => http.get<BackupsOverview>('/backups', undefined, signal),
  startDrill: () => http.post<{ workflowId: string; alreadyRunning: boolean }>('/backups/drills', {}),
};
