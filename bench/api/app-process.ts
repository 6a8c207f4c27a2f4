/**
 * The real API (createApp, as api/server.ts builds it) in its own process, so
 * that it does not share an event loop with autocannon. Started by
 * bench/api/index.ts through fork(); talks to it over IPC:
 *   → { type: 'ready', port }             once listening
 *   ← { type: 'capture', on: true }        start recording the SQL the app sends
 *   → { type: 'capturing' }                recording (the requests may come)
 *   ← { type: 'capture', on: false }       stop, and
 *   → { type: 'captured', transactions }   every statement sent, grouped by transaction
 *   ← { type: 'busy?' }  → { type: 'busy', count }   database work still in progress
 *
 * With BENCH_API_WORKERS > 1 it runs as api/server.ts does with
 * RELAIS_API_WORKERS (api/cluster.ts): a primary and that many workers on one
 * port, each with its share of the pool (DATABASE_POOL_MAX in all); the
 * primary relays the messages to every worker and merges their answers.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import knexFactory from 'knex';
import '../../domain/installed-modules';
import { createApp } from '../../api/app';
import { INSTALLED_API_MODULES } from '../../api/installed-modules';
import { knexConfig } from '../../db/knexfile';
import { preparedStatementName } from '../../db/pg-client';
import type { CapturedStatement, CapturedTransaction } from './types';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (this file is started by bench/api/index.ts).`);
  return value;
}

type Message = { type: string; on?: boolean; port?: number; count?: number; transactions?: CapturedTransaction[] };
const workerCount = Number(process.env.BENCH_API_WORKERS ?? '1');

function runWorker(): void {
  const knex = knexFactory(knexConfig(required('DATABASE_URL'), Number(required('DATABASE_POOL_MAX'))));
  const app = createApp({
    knex,
    auth: { jwtSecret: required('JWT_SECRET'), accessTtlSeconds: 3600, refreshTtlSeconds: 3600 },
    temporal: () => Promise.reject(new Error('Temporal is not used by the benchmark.')),
    taskQueue: 'relais-bench',
    dataDir: required('RELAIS_DATA_DIR'),
    loginRateLimitPer15Min: 1000,
    modules: INSTALLED_API_MODULES,
  });

  // Filled only while capturing: the listener is off during measurements.
  const byTransaction = new Map<string, { at: number; statements: CapturedStatement[] }>();
  function onQuery(q: { sql: string; bindings?: unknown[]; options?: { prepare?: boolean }; __knexTxId?: string }): void {
    // Outside a request's transaction: a pool's one-time check (db/tenant-scope.ts), not a request's work.
    if (!q.__knexTxId) return;
    const key = q.__knexTxId;
    const tx = byTransaction.get(key) ?? { at: performance.timeOrigin + performance.now(), statements: [] };
    const prepared = q.options?.prepare && q.bindings?.length ? { name: preparedStatementName(q.sql) } : {};
    tx.statements.push({ text: q.sql, values: (q.bindings ?? []) as CapturedStatement['values'], ...prepared });
    byTransaction.set(key, tx);
  }

  const server: Server = app.listen(Number(required('PORT')), '127.0.0.1', () => {
    const address = server.address();
    process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
  });

  process.on('message', (message: Message) => {
    if (message.type === 'busy?') {
      // Requests whose client has gone (autocannon stops mid-request) still run to the end.
      const pool = (knex.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
      process.send!({ type: 'busy', count: pool ? pool.numUsed() + pool.numPendingAcquires() : 0 });
      return;
    }
    if (message.type !== 'capture') return;
    if (message.on) {
      byTransaction.clear();
      knex.on('query', onQuery);
      process.send!({ type: 'capturing' });
    } else {
      knex.off('query', onQuery);
      // In the order they started (the primary merges the workers' lists by it).
      const transactions = [...byTransaction.values()].sort((a, b) => a.at - b.at);
      process.send!({ type: 'captured', transactions });
    }
  });

  const stop = () => {
    server.close();
    server.closeAllConnections();
    knex.destroy().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  // The parent (or the primary) going away, even killed, closes the IPC channel: never outlive it.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Asks every worker, and answers once each has (in the order they were started). */
function askAll(workers: Worker[], request: Message, reply: string): Promise<Message[]> {
  return Promise.all(workers.map((w) => new Promise<Message>((resolve) => {
    const onMessage = (m: Message) => {
      if (m.type !== reply) return;
      w.off('message', onMessage);
      resolve(m);
    };
    w.on('message', onMessage);
    w.send(request);
  })));
}

function runPrimary(): void {
  const pool = Number(required('DATABASE_POOL_MAX'));
  const workers: Worker[] = [];
  let ready = 0;
  for (let i = 0; i < workerCount; i++) {
    // The pool is shared out: the workers hold DATABASE_POOL_MAX connections in all, as the baseline does.
    const worker = cluster.fork({ DATABASE_POOL_MAX: String(Math.floor(pool / workerCount) + (i < pool % workerCount ? 1 : 0)) });
    worker.on('message', (m: Message) => {
      if (m.type === 'ready' && ++ready === workerCount) process.send!(m);
    });
    worker.on('exit', () => { if (!stopping) process.exit(1); });
    workers.push(worker);
  }
  let stopping = false;
  process.on('message', (message: Message) => {
    if (message.type === 'busy?') {
      void askAll(workers, message, 'busy').then((answers) => process.send!({ type: 'busy', count: answers.reduce((n, a) => n + a.count!, 0) }));
    } else if (message.type === 'capture' && message.on) {
      void askAll(workers, message, 'capturing').then(() => process.send!({ type: 'capturing' }));
    } else if (message.type === 'capture') {
      void askAll(workers, message, 'captured').then((answers) => {
        const all = answers.flatMap((a) => a.transactions as Array<CapturedTransaction & { at: number }>).sort((a, b) => a.at - b.at);
        process.send!({ type: 'captured', transactions: all.map(({ statements }) => ({ statements })) });
      });
    }
  });
  const stop = () => {
    stopping = true;
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
    cluster.on('exit', () => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); });
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (cluster.isPrimary && workerCount > 1) runPrimary();
else runWorker();
