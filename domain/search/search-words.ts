import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';

/**
 * The search dictionary's upkeep (ADR 0040; migrations 20261218000800 and 20261218000900). Writers
 * of names only append their words' changes to `search_word_changes` (statement triggers: no lock on
 * a shared row, so no writer waits for another there); the dictionary `search_words` the typo search
 * reads is folded from that log here:
 * - every minute, for every organisation, by the Temporal schedule `relais/search-words-fold`
 *   (worker/search-words-schedule.ts, workflows/system/search-words-fold.workflow.ts): a new name's
 *   words are suggested within about a minute (its exact, prefix and word matches read the names
 *   themselves, at once);
 * - in the transaction of every GDPR anonymisation or deletion (domain/gdpr/anonymiser.ts), so an
 *   erased or anonymised name's words leave the dictionary when that transaction commits.
 */

/**
 * Folds the organisation's logged changes into its dictionary, in the caller's transaction (its
 * row-level security context must be that organisation). Waits for a periodic fold of the same
 * organisation (one short statement) unless `wait` is false: then answers null at once when another
 * folder holds it. Answers how many logged changes were folded.
 */
export async function foldSearchWords(trx: Knex.Transaction, tenantId: string, wait = true): Promise<number | null> {
  const { rows } = await trx.raw<{ rows: Array<{ folded: number | null }> }>('select search_words_fold(?::uuid, ?) as folded', [tenantId, wait]);
  return rows[0]!.folded;
}

export interface SearchWordsFold {
  /** Organisations whose log had changes to fold. */
  tenants: number;
  /** Logged changes folded. */
  changes: number;
  /** Organisations left to the next run (another folder held them). */
  skipped: number;
}

/** The periodic fold: every organisation in turn, each in its own short transaction; one held by another folder is left to the next run. */
export async function foldAllSearchWords(knex: Knex): Promise<SearchWordsFold> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from gdpr_retention_tenants() as id');
  const run: SearchWordsFold = { tenants: 0, changes: 0, skipped: 0 };
  for (const { id } of rows) {
    const folded = await withTenant({ tenantId: id }, (trx) => foldSearchWords(trx, id, false), knex);
    if (folded === null) run.skipped += 1;
    else if (folded > 0) {
      run.tenants += 1;
      run.changes += folded;
    }
  }
  return run;
}
