import path from 'node:path';
import type { Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import pg from 'pg';
import { RelaisPgClient } from './pg-client';

// bigint columns hold money in cents and counters: well inside Number's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date (a first contact, a payment day) stays 'YYYY-MM-DD': a JavaScript Date would
// put it at midnight in the server's time zone and could show the day before.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * Bounds on waiting for the database, so that a request fails (503, api/http/unavailable.ts)
 * instead of hanging when PostgreSQL is down, restarting or unreachable: opening a
 * connection, and waiting for one of the pool's.
 */
export const CONNECT_TIMEOUT_MS = 5_000;
export const ACQUIRE_TIMEOUT_MS = 10_000;

/**
 * A query whose context (`.queryContext({ [COLUMN_NAMES]: true })`) sets this answers its rows
 * with the database's column names (snake_case) instead of camelCase copies: the record
 * service's lists map only the fields they answer (domain/core/record-service.ts).
 */
export const COLUMN_NAMES = 'columnNames';
const snakeCase = knexSnakeCaseMappers();

/** A row read with COLUMN_NAMES as knex answers other queries' rows: its columns named in camelCase. */
export function camelCaseRow(row: Record<string, unknown>): Record<string, unknown> {
  return snakeCase.postProcessResponse(row) as Record<string, unknown>;
}

/**
 * Bounds PostgreSQL itself puts on a pool's sessions (sent when each connection opens; 0 or
 * absent: none). The API's pool has both (api/server.ts, RELAIS_DB_*_TIMEOUT_MS), so no request
 * holds a statement or a transaction's locks forever; migrations, seeds and the worker (whose
 * activities are bounded by their Temporal timeouts) have none. A known-long step of a request
 * raises its own statement's bound with `allowLongStatements` (db/session-limits.ts).
 */
export interface SessionLimits {
  /** A statement still running after this is cancelled (SQLSTATE 57014). */
  statementTimeoutMs?: number;
  /** A session idle inside a transaction for this long is ended (SQLSTATE 25P03), its locks released. */
  idleInTransactionTimeoutMs?: number;
}

/** Knex settings shared by the application pool and the migration runner. */
export function knexConfig(connection: string, poolMax = 10, limits: SessionLimits = {}): Knex.Config {
  return {
    // knex's pg client, whose transactions may send their first statement with BEGIN (db/pg-client.ts).
    client: RelaisPgClient as unknown as typeof Knex.Client,
    // TCP keep-alive finds a connection whose server vanished without closing it.
    connection: {
      connectionString: connection, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true,
      ...(limits.statementTimeoutMs ? { statement_timeout: limits.statementTimeoutMs } : {}),
      ...(limits.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs } : {}),
    },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    pool: { min: 0, max: poolMax },
    migrations: {
      directory: path.join(__dirname, 'migrations'),
      loadExtensions: ['.ts'],
      tableName: 'knex_migrations',
    },
    wrapIdentifier: snakeCase.wrapIdentifier,
    postProcessResponse: (result, context?: Record<string, unknown>) => (context?.[COLUMN_NAMES] ? result : snakeCase.postProcessResponse(result)),
  };
}
