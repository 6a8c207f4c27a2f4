/**
 * The real API (createApp, as api/server.ts builds it) in its own process, so
 * that it does not share an event loop with autocannon. Started by
 * bench/api/index.ts through fork(); talks to it over IPC:
 *   → { type: 'ready', port }             once listening
 *   ← { type: 'capture', on: true }        start recording the SQL the app sends
 *   ← { type: 'capture', on: false }       stop, and
 *   → { type: 'captured', transactions }   every statement sent, grouped by transaction
 *   ← { type: 'busy?' }  → { type: 'busy', count }   database work still in progress
 */
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
const byTransaction = new Map<string, CapturedStatement[]>();
function onQuery(q: { sql: string; bindings?: unknown[]; options?: { prepare?: boolean }; __knexTxId?: string }): void {
  const key = q.__knexTxId ?? `no-transaction-${byTransaction.size}`;
  const list = byTransaction.get(key) ?? [];
  const prepared = q.options?.prepare && q.bindings?.length ? { name: preparedStatementName(q.sql) } : {};
  list.push({ text: q.sql, values: (q.bindings ?? []) as CapturedStatement['values'], ...prepared });
  byTransaction.set(key, list);
}

const server: Server = app.listen(Number(required('PORT')), '127.0.0.1', () => {
  const address = server.address();
  process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', (message: { type: string; on?: boolean }) => {
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
  } else {
    knex.off('query', onQuery);
    const transactions: CapturedTransaction[] = [...byTransaction.values()].map((statements) => ({ statements }));
    process.send!({ type: 'captured', transactions });
  }
});

function stop(): void {
  server.close();
  server.closeAllConnections();
  knex.destroy().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
// The parent going away (even killed) closes the IPC channel: never outlive it.
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
