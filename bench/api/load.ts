import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { measure } from './report';
import type { SqlWorkerReply, SqlWorkerRequest } from './sql-worker';
import type { CapturedTransaction, Measurement } from './types';

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Per request (API): a slower answer counts as an error. */
  timeoutSeconds: number;
}

/**
 * Drives the API with autocannon: `connections` keep-alive connections, each
 * sending its next request as soon as the previous answer arrives. Every
 * request's path comes from `nextPath` (so ids and search terms vary).
 * Latencies are recorded per response, for exact p95/p99 (autocannon's own
 * summary has no p95). Only responses within the run count: requests still in
 * flight when it ends are dropped (the caller waits for the API to finish them).
 */
export function loadApi(baseUrl: string, token: string, nextPath: () => string, opts: LoadOptions,
  onStart?: (stop: () => void) => void): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let errors = 0;
    const started = process.hrtime.bigint();
    const instance = autocannon({
      url: baseUrl,
      connections: opts.connections,
      duration: opts.seconds,
      timeout: opts.timeoutSeconds,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }],
    }, (err) => {
      if (err) return reject(err);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ ...measure(latencies, errors, seconds), load: os.loadavg()[0] });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) errors += 1;
    });
    instance.on('reqError', () => { errors += 1; });
    onStart?.(() => (instance as unknown as { stop(): void }).stop());
  });
}

/** The SQL baseline's worker threads (sql-worker.ts), kept for the whole run. */
export class SqlLoad {
  private constructor(private readonly workers: Worker[]) {}

  static async start(connectionString: string, threads: number, poolSize: number): Promise<SqlLoad> {
    const workers: Worker[] = [];
    threads = Math.max(1, Math.min(threads, poolSize));
    for (let i = 0; i < threads; i++) {
      const poolShare = share(poolSize, threads, i);
      // Workers do not inherit tsx's loader: register it, then load the TypeScript file.
      const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(path.join(__dirname, 'sql-worker.ts'))});`;
      const worker = new Worker(source, { eval: true, workerData: { connectionString, poolSize: poolShare } });
      await new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.once('message', (m: SqlWorkerReply) => { if (m.type === 'ready') resolve(); });
      });
      workers.push(worker);
    }
    return new SqlLoad(workers);
  }

  /**
   * Replays, through pg, the statements the API sent for its requests
   * (captured from the app's own knex): `connections` loops, spread over the
   * threads, queueing for the pool's connections as API requests queue for
   * the app's, for the same duration. Same role, same row-level
   * security context (the captured set_config sent with BEGIN), the same
   * extended-protocol queries (named prepared statements where the app
   * prepared them, unnamed otherwise), same driver: what remains between this and the API figure is
   * HTTP, JSON, JWT, Express, knex, CASL and the app's own pool.
   * Only transactions completed within the run count, as for autocannon.
   */
  async run(transactions: CapturedTransaction[], opts: LoadOptions): Promise<Measurement> {
    const startAt = Date.now() + 50;
    const replies = await Promise.all(this.workers.map((worker, i) => new Promise<Extract<SqlWorkerReply, { type: 'done' }>>((resolve) => {
      const onMessage = (m: SqlWorkerReply) => {
        if (m.type !== 'done') return;
        worker.off('message', onMessage);
        resolve(m);
      };
      worker.on('message', onMessage);
      worker.postMessage({ type: 'run', transactions, loops: share(opts.connections, this.workers.length, i), seconds: opts.seconds, startAt } satisfies SqlWorkerRequest);
    })));
    const latencies = replies.flatMap((r) => Array.from(r.latencies));
    return { ...measure(latencies, replies.reduce((n, r) => n + r.errors, 0), opts.seconds), load: os.loadavg()[0] };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => new Promise<void>((resolve) => {
      const timer = setTimeout(() => { void worker.terminate().then(() => resolve()); }, 3000);
      worker.on('message', (m: SqlWorkerReply) => { if (m.type === 'closed') { clearTimeout(timer); void worker.terminate().then(() => resolve()); } });
      worker.postMessage({ type: 'close' } satisfies SqlWorkerRequest);
    })));
  }
}

/** The i-th of n near-equal parts of total. */
function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}
