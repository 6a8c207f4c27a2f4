import { http } from './client';

/** A location's state for a set, proven by reading it back (ADR 0031). */
export interface CopyState {
  location: string;
  role: 'primary' | 'copy';
  state: 'verified' | 'missing' | 'corrupt' | 'unreachable' | 'unchecked';
  checkedAt: string | null;
  reason: string | null;
}

/** What GET /api/v1/backups answers (domain/backup/backup.schema.ts, ADR 0020). */
export interface BackupItem {
  name: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  sizeBytes: number | null;
  locations: string[];
  copies: CopyState[];
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
  copies: CopyState[];
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
