import cluster from 'node:cluster';
import path from 'node:path';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type DataConverter } from '@temporalio/client';
import { env } from '../config/env';
import { logger } from '../config/logger';
import { initSentry } from '../config/sentry';
import { apiSessionLimits, closeDb, db, replicaDb } from '../db/connection';
import { ReplicaReads } from '../db/replica-reads';
import { processDataConverter } from '../domain/process/payload-codec';
import '../domain/installed-modules';
import { createApp } from './app';
import { apiWorkerCount, isReplicaPin, runPrimary, runsStartWork, type ReplicaPinMessage } from './cluster';
import type { ApiDeps } from './http/deps';
import { runModuleStartHooks } from './module-start';
import { INSTALLED_API_MODULES } from './installed-modules';

/** A lazily connected Temporal client that can also be closed without leaving a retry behind. */
export type LazyTemporalClient = (() => Promise<Client>) & {
  /**
   * Closes the connection once no retry is waiting: from now on a failed call is not retried, and a retry
   * already scheduled is let run first (a retry firing on a closed channel throws from its timer, out of
   * every caller's reach: « Channel has been shut down »). Calls still in flight then fail to their callers.
   */
  close(): Promise<void>;
};

/**
 * Lazily connected Temporal client, reconnecting after a failed attempt. While
 * the server is away a call gives up within seconds (a few quick retries, a
 * short first connection) and the request answers 503 (api/http/unavailable.ts)
 * rather than holding its database transaction for the SDK's default 15 s.
 */
export function lazyTemporalClient(address: string, namespace: string, dataConverter?: DataConverter): LazyTemporalClient {
  let pending: Promise<Client> | undefined;
  let closing = false;
  const waiting = new Set<Promise<void>>();
  const backoff = defaultGrpcRetryOptions({ maxAttempts: 5 });
  const retries = makeGrpcRetryInterceptor({
    retryableDecider: (attempt, status) => !closing && backoff.retryableDecider(attempt, status),
    delayFunction: (attempt, status) => {
      const delay = backoff.delayFunction(attempt, status);
      // The interceptor sets its timer for `delay` right after: this settles just after it has fired.
      const fired = new Promise<void>((resolve) => setTimeout(resolve, delay + 5));
      waiting.add(fired);
      void fired.then(() => waiting.delete(fired));
      return delay;
    },
  });
  const lazy = () => {
    pending ??= Connection.connect({ address, connectTimeout: '3 seconds', interceptors: [retries] })
      .then((connection) => new Client({ connection, namespace, dataConverter }));
    pending.catch(() => { pending = undefined; });
    return pending;
  };
  return Object.assign(lazy, {
    async close() {
      closing = true;
      const client = await pending?.catch(() => undefined);
      while (waiting.size) await Promise.all([...waiting]);
      await client?.connection.close();
    },
  });
}

/** The second site's reads, when DATABASE_REPLICA_URL is set; a cluster's workers tell each other their writes. */
function replicaReads(config: ReturnType<typeof env>, primary: ReturnType<typeof db>): ReplicaReads | undefined {
  if (!config.DATABASE_REPLICA_URL) return undefined;
  const inCluster = cluster.isWorker && typeof process.send === 'function';
  const reads = new ReplicaReads(primary, replicaDb(apiSessionLimits(config)), {
    maxLagSeconds: config.RELAIS_REPLICA_MAX_LAG_SECONDS, sampleMs: config.RELAIS_REPLICA_SAMPLE_MS,
    onPin: inCluster ? (key, lsn) => process.send!({ relaisReplicaPin: { key, lsn } } satisfies ReplicaPinMessage) : undefined,
  }).start();
  if (inCluster) process.on('message', (message: unknown) => { if (isReplicaPin(message)) reads.pin(message.relaisReplicaPin.key, message.relaisReplicaPin.lsn); });
  logger.info({ maxLagSeconds: config.RELAIS_REPLICA_MAX_LAG_SECONDS }, 'api reading lists and searches from the replica when it is close enough');
  return reads;
}

async function main(): Promise<void> {
  const config = env();
  initSentry('api');
  if (!config.JWT_SECRET) throw new Error('JWT_SECRET is not set (at least 32 random characters). `npm start` creates one under .relais/.');
  const deps: ApiDeps = {
    // No statement of a request runs, nor a transaction stays idle, past the configured bounds.
    knex: db(apiSessionLimits(config)),
    auth: { jwtSecret: config.JWT_SECRET, accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS },
    temporal: lazyTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, processDataConverter(db(), config.RELAIS_SECRET_KEY)),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    dataDir: config.RELAIS_DATA_DIR,
    loginRateLimitPer15Min: config.LOGIN_RATE_LIMIT_PER_15_MIN,
    sharedLoginLimits: true,
    uiDir: path.resolve(__dirname, '../ui/dist'),
    trustProxy: config.TRUST_PROXY,
    modules: INSTALLED_API_MODULES,
  };
  deps.replica = replicaReads(config, deps.knex);
  const app = createApp(deps);
  const server = app.listen(config.PORT, () => {
    logger.info({ port: config.PORT }, 'api listening');
    // Serving does not wait for the modules' start-up work (each logs its own failures); one process of a cluster runs it.
    if (runsStartWork()) {
      logger.info('api running its start-up work');
      void runModuleStartHooks(deps);
    }
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    logger.fatal(error.code === 'EADDRINUSE' ? `Port ${config.PORT} is already in use: stop the program using it or set PORT.` : error.message);
    process.exit(1);
  });
  const stop = () => {
    logger.info('api stopping');
    server.close(() => { closeDb().finally(() => process.exit(0)); });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: it closes when that process dies, however it dies.
  process.once('disconnect', stop);
}

function workers(): number {
  try {
    return apiWorkerCount(env().RELAIS_API_WORKERS);
  } catch {
    return 1; // main() reports the configuration error
  }
}

if (require.main === module && cluster.isPrimary && workers() > 1) {
  runPrimary(workers());
} else if (require.main === module) {
  main().catch((error) => {
    logger.fatal({ err: error }, error.message);
    process.exit(1);
  });
}
