import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { logger } from '../config/logger';

/**
 * Several API processes on one port (node:cluster, ADR 0012): one Node process
 * runs JavaScript on one core, and the API's own CPU, not PostgreSQL, limited
 * its throughput (docs/performance.md). RELAIS_API_WORKERS sets how many; the
 * primary process only starts, restarts and stops them. What each process
 * keeps for itself stays correct with several: principals are checked against
 * the database's principal version at every request, sign-in attempts are
 * counted in PostgreSQL (api/identity/login-attempts.ts), and the start-up work
 * (process starts asked for while the engine was away, the modules' onStart
 * hooks) runs in worker 0 only.
 */

const WORKER_INDEX = 'RELAIS_API_WORKER_INDEX';

/** How many API processes a RELAIS_API_WORKERS setting asks for (`auto`: one per core, at most 4). */
export function apiWorkerCount(setting: number | 'auto'): number {
  return setting === 'auto' ? Math.min(os.availableParallelism(), 4) : setting;
}

/** The message an API worker sends when one of its requests wrote (api/server.ts relays it into its ReplicaReads). */
export interface ReplicaPinMessage { relaisReplicaPin: { key: string; lsn: string } }
export function isReplicaPin(message: unknown): message is ReplicaPinMessage {
  const pin = (message as Partial<ReplicaPinMessage> | null)?.relaisReplicaPin;
  return typeof pin?.key === 'string' && typeof pin.lsn === 'string';
}

/** Whether this process runs the start-up work: the API's only process, or worker 0 of a cluster. */
export function runsStartWork(): boolean {
  return !cluster.isWorker || process.env[WORKER_INDEX] === '0';
}

/** A worker dying this soon after it started counts towards giving up (a port in use, a bad configuration). */
const QUICK_DEATH_MS = 10_000;
const QUICK_DEATHS_TO_GIVE_UP = 3;

/**
 * The cluster's primary: starts `count` workers (each runs api/server.ts's
 * main), starts another in place of one that dies, stops them all on SIGINT,
 * SIGTERM or when its own parent (`npm start`) goes, and exits with 1 when
 * workers keep dying right after they start.
 */
export function runPrimary(count: number): void {
  const live = new Set<Worker>();
  let stopping = false;
  let exitCode = 0;
  let quickDeaths = 0;

  const stop = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    logger.info({ workers: live.size }, 'api stopping its workers');
    for (const worker of live) worker.process.kill('SIGTERM');
    if (live.size === 0) process.exit(exitCode);
    // Each worker gives its requests 10 s to finish (api/server.ts).
    setTimeout(() => process.exit(exitCode), 12_000).unref();
  };

  const start = (index: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
    live.add(worker);
    // A write's position, for the replica's read-your-writes rule (db/replica-reads.ts): every other worker learns it.
    worker.on('message', (message: unknown) => {
      if (isReplicaPin(message)) for (const other of live) if (other !== worker) other.send(message);
    });
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) process.exit(exitCode);
        return;
      }
      quickDeaths = Date.now() - startedAt < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      if (quickDeaths >= QUICK_DEATHS_TO_GIVE_UP) {
        logger.fatal({ worker: index, code, signal }, `API workers died ${quickDeaths} times right after starting: stopping`);
        stop(1);
        return;
      }
      logger.error({ worker: index, code, signal }, 'an API worker stopped: starting another in its place');
      setTimeout(() => { if (!stopping) start(index); }, 1000);
    });
  };

  logger.info({ workers: count }, 'api starting its workers');
  for (let i = 0; i < count; i++) start(i);
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  // Started by `npm start` with an IPC channel: it closes when that process dies, however it dies.
  process.once('disconnect', () => stop(0));
}
