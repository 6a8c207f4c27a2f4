/** The second site's state, as GET /api/v1/health details it (api/system/health.router.ts, ADR 0021). */
export interface ReplicaState {
  status: 'up' | 'lagging' | 'down' | 'isolated';
  measuredAt: string | null;
  lagSeconds: number | null;
  lagBytes: number | null;
  maxLagSeconds: number;
  primaryLsn: string | null;
  replayLsn: string | null;
  receiveLsn: string | null;
  receiver: string | null;
  slots: Array<{ name: string; active: boolean; retainedBytes: number | null; walStatus: string | null }>;
  error?: string;
}

/** The documents' replication to the second site (ADR 0031), when configured. */
export interface DocumentsReplicaState {
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  files: number;
  bytes: number;
  pendingFiles: number;
  pendingBytes: number;
  lagSeconds: number;
  error: string | null;
}

export interface HealthState {
  status: 'up' | 'down';
  database: { status: 'up' | 'down' };
  temporal: { status: 'up' | 'down' };
  replica?: ReplicaState;
  documents?: DocumentsReplicaState;
}

/**
 * The platform's health. Read with fetch rather than the API client: it is public, and its 503
 * (Temporal or PostgreSQL away) carries the same details, which this page shows rather than a
 * « service indisponible » screen.
 */
export async function readHealth(signal?: AbortSignal): Promise<HealthState> {
  const res = await fetch('/api/v1/health', { signal, headers: { accept: 'application/json' } });
  return (await res.json()) as HealthState;
}
