/**
 * What the `bulkRun` workflow, its activities and the API share (docs/adr/0043-durable-bulk-actions.md).
 * Ids only: the workflow's history never holds a name, a number or a parameter's value beyond ids.
 */
export const BULK_WORKFLOW = { run: 'bulkRun' } as const;

export interface BulkRunInput {
  tenantId: string;
  runId: string;
  /** The run's attempt this workflow serves (1, then one more per « relancer »): the worker waits until it sees it committed. */
  attempt?: number;
  /** The last position this run has gone past (a continued run starts after it). */
  after?: number;
  /** Items per activity (200). */
  chunkSize?: number;
  /** Chunks before the workflow continues as new (25: 5,000 items per history). */
  chunksPerRun?: number;
  /** How long a chunk may go without news before it is retried elsewhere (30 s: a killed worker). */
  heartbeatTimeoutMs?: number;
  /** Attempts of an item that failed for a technical reason, on its own, before it is reported failed (3). */
  itemAttempts?: number;
}

export interface ChunkInput {
  tenantId: string;
  runId: string;
  attempt?: number;
  after: number;
  limit: number;
}

export interface ChunkOutcome {
  /** The last position gone past (the next chunk starts after it). */
  last: number;
  /** Items seen (settled, skipped or left to retry). */
  seen: number;
  /** Items that failed for a technical reason: retried alone. */
  retry: number[];
  /** The run was asked to stop. */
  cancelled: boolean;
}

export interface ItemInput {
  tenantId: string;
  runId: string;
  attempt?: number;
  position: number;
}
