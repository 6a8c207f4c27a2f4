import type { Knex } from 'knex';

/** What a known-long step of a request may take (a whole organisation's audit chain walked, an export). */
export const LONG_STATEMENT_TIMEOUT_MS = 300_000;

/**
 * Raises the statement timeout of the API's pool (db/knexfile.ts SessionLimits) for the rest of
 * this transaction only (SET LOCAL): the connection goes back to the pool with its own bound.
 * For the few steps known to take longer than a request should; everything else keeps the bound.
 */
export async function allowLongStatements(trx: Knex.Transaction, timeoutMs = LONG_STATEMENT_TIMEOUT_MS): Promise<void> {
  await trx.raw('select set_config(\'statement_timeout\', ?, true)', [String(timeoutMs)]);
}
