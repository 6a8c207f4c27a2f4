import { isGrpcServiceError } from '@temporalio/client';

/**
 * Which service a failure says is out of reach — the database or the process
 * engine (Temporal) — or undefined for any other failure. The API answers the
 * first two with 503 and Retry-After (api/http/problem.ts), never 500: the
 * request was right, the platform will be back.
 */
export type UnavailableService = 'database' | 'engine';

/** gRPC status codes (@grpc/grpc-js `status`): the server is not reachable, or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * PostgreSQL states of a server going away or not there yet: class 08
 * (connection exceptions), admin/crash shutdown, "the database system is
 * starting up / shutting down", too many connections.
 */
const PG_GONE = new Set(['57P01', '57P02', '57P03', '53300']);
/** A socket that could not be opened or was cut (node's codes, raised by pg). */
const SOCKET_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** pg's own messages for a connection lost or never made (they carry no code; knex puts the statement before them: "BEGIN; - Connection terminated…"). */
const PG_LOST = /(^|- )(Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable)/;

export function unavailableService(err: unknown): UnavailableService | undefined {
  // Not `instanceof Error`: errors raised by Node's own modules may come from another realm (Jest's sandbox).
  let current = err as (Error & { code?: unknown; cause?: unknown }) | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++, current = current.cause as typeof current) {
    if (isGrpcServiceError(current)) {
      return current.code === GRPC_UNAVAILABLE || current.code === GRPC_DEADLINE_EXCEEDED ? 'engine' : undefined;
    }
    // grpc-js's waitForReady, when the client's first connection finds no server.
    if (current.message === 'Failed to connect before the deadline') return 'engine';
    // Knex: no connection of the pool could be had in time.
    if (current.name === 'KnexTimeoutError') return 'database';
    const code = current.code;
    if (typeof code === 'string' && (code.startsWith('08') || PG_GONE.has(code) || SOCKET_GONE.has(code))) return 'database';
    if (typeof current.message === 'string' && PG_LOST.test(current.message)) return 'database';
  }
  return undefined;
}

/**
 * PostgreSQL stopped a request's work at one of the API's session bounds
 * (db/knexfile.ts SessionLimits): a statement that ran past statement_timeout
 * (57014, query_canceled) or a session idle in its transaction past
 * idle_in_transaction_session_timeout (25P03). The API answers 503 with
 * Retry-After, never 500: the request may succeed once the database is less busy.
 */
export function databaseTimedOut(err: unknown): boolean {
  let current = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++, current = current.cause as typeof current) {
    if (current.code === '57014' || current.code === '25P03') return true;
  }
  return false;
}
