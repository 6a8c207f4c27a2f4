/** One statement exactly as knex handed it to the pg driver. */
export interface CapturedStatement {
  text: string;
  values: Array<string | number | boolean | null>;
  /** Set when the app ran it as a named prepared statement (db/pg-client.ts): the baseline does the same. */
  name?: string;
}

/** Every statement of one API request's transaction, BEGIN and COMMIT included. */
export interface CapturedTransaction {
  statements: CapturedStatement[];
}

/** Latency percentiles (milliseconds) and throughput of one measured run. */
export interface Measurement {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The machine's 1-minute load average at the end of the run (other sessions may share it). */
  load?: number;
  /** Average cores used during the run: by the benchmark's own processes, and by the rest of the machine. */
  cpu?: { own: number; other: number; parts: { bench: number; api: number; postgres: number } } | null;
}

export interface ScenarioResult {
  name: string;
  path: string;
  api: Measurement;
  sql: Measurement;
  /** Statements per request (same in both runs). */
  statements: number;
  /** The same with one connection: service time without queueing. */
  single?: { api: Measurement; sql: Measurement };
}
