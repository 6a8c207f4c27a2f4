/**
 * One worker thread of the SQL baseline (see load.ts): its own pg pool, and
 * `loops` concurrent loops replaying captured transactions. Several threads
 * run side by side so that one JavaScript thread decoding rows does not cap
 * the baseline below what PostgreSQL sustains.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { CapturedTransaction } from './types';

export interface SqlWorkerInit { connectionString: string; poolSize: number }
export type SqlWorkerRequest =
  | { type: 'run'; transactions: CapturedTransaction[]; loops: number; seconds: number; startAt: number }
  | { type: 'close' };
export type SqlWorkerReply =
  | { type: 'ready' }
  | { type: 'done'; latencies: Float64Array; errors: number }
  | { type: 'closed' };

const init = workerData as SqlWorkerInit;
// Idle connections stay open: a backend exiting mid-run would blur the CPU accounting.
const pool = new pg.Pool({ connectionString: init.connectionString, max: init.poolSize, idleTimeoutMillis: 0 });
const port = parentPort!;

async function run(transactions: CapturedTransaction[], loops: number, seconds: number, startAt: number): Promise<void> {
  // Every thread starts at the same wall-clock instant.
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const latencies: number[] = [];
  let errors = 0;
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const tx = transactions[Math.floor(Math.random() * transactions.length)]!;
      const t0 = process.hrtime.bigint();
      const client = await pool.connect();
      try {
        for (const s of tx.statements) await client.query({ text: s.text, values: s.values, name: s.name });
        const done = process.hrtime.bigint();
        // Like autocannon, count only what completes within the run.
        if (done <= deadline) latencies.push(Number(done - t0) / 1e6);
      } catch {
        errors += 1;
        await client.query('rollback').catch(() => undefined);
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  const out = Float64Array.from(latencies);
  port.postMessage({ type: 'done', latencies: out, errors } satisfies SqlWorkerReply, [out.buffer]);
}

port.on('message', (m: SqlWorkerRequest) => {
  if (m.type === 'run') void run(m.transactions, m.loops, m.seconds, m.startAt);
  else pool.end().finally(() => port.postMessage({ type: 'closed' } satisfies SqlWorkerReply));
});
port.postMessage({ type: 'ready' } satisfies SqlWorkerReply);
