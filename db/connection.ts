import knexFactory, { type Knex } from 'knex';
import { Model } from 'objection';
import { env, type Env } from '../config/env';
import { knexConfig, type SessionLimits } from './knexfile';

let appKnex: Knex | undefined;

/**
 * The application's pool. It connects as a role without BYPASSRLS, so every
 * query sees only the tenant set by `withTenant` (see db/tenant-scope.ts).
 * The process that first asks for it sets its session limits: the API's
 * (api/server.ts) bound its statements and idle transactions; the worker's none.
 */
export function db(limits?: SessionLimits): Knex {
  if (!appKnex) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run `npm start`, or point it at PostgreSQL (see README).');
    appKnex = knexFactory(knexConfig(url, env().DATABASE_POOL_MAX, limits));
    Model.knex(appKnex);
  } else if (limits) {
    throw new Error('The application pool exists already: its session limits are set by the first call of db().');
  }
  return appKnex;
}

let replicaKnex: Knex | undefined;

/** The pool on the second site's replica (DATABASE_REPLICA_URL, the application role; ADR 0021): reads only. */
export function replicaDb(limits?: SessionLimits): Knex {
  if (!replicaKnex) {
    const url = env().DATABASE_REPLICA_URL;
    if (!url) throw new Error('DATABASE_REPLICA_URL is not set.');
    replicaKnex = knexFactory(knexConfig(url, env().DATABASE_POOL_MAX, limits));
  }
  return replicaKnex;
}

/** The API's session limits, from the configuration. */
export function apiSessionLimits(config: Env): SessionLimits {
  return { statementTimeoutMs: config.RELAIS_DB_STATEMENT_TIMEOUT_MS, idleInTransactionTimeoutMs: config.RELAIS_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS };
}

/** The owner connection, for migrations and seeds only. */
export function adminDb(): Knex {
  const url = env().DATABASE_ADMIN_URL ?? env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_ADMIN_URL is not set.');
  return knexFactory(knexConfig(url, 2));
}

export async function closeDb(): Promise<void> {
  if (appKnex) await appKnex.destroy();
  appKnex = undefined;
  if (replicaKnex) await replicaKnex.destroy();
  replicaKnex = undefined;
}
