import type { Knex } from 'knex';
import { tenantOwned } from '../rls';
import { SEARCH_WORDS_CHANGE_IN_PLACE } from '../search-words';

/**
 * The search dictionary's writes take no lock on its rows (issue 12, ADR 0040). Migration
 * 20261218000800 had the searched tables' statement triggers add their words' counts to
 * `search_words` (`insert … on conflict do update`): a transaction writing names held the rows of
 * their words (« sarl », « cabinet », « martin ») until it committed, so two transactions inserting
 * names in opposite word orders over several statements could deadlock, and an import held its words
 * for its whole length, every other creation of a name sharing one waiting for it.
 *
 * Now the triggers only append each change to `search_word_changes (tenant_id, word, delta)`: an
 * insert-only log (no unique key, no update, no delete by writers), so writers never wait for each
 * other there. `search_words_fold(tenant, wait)` folds a tenant's log into `search_words` (delete …
 * returning, summed by word, added in word order; words whose count falls to zero go) under a
 * per-tenant transaction advisory lock, so one folder at a time works on a tenant's dictionary:
 * every minute by the Temporal schedule `relais/search-words-fold` (domain/search/search-words.ts),
 * and at the end of every anonymisation and deletion of the GDPR anonymiser (erasure, retention),
 * in its transaction, so an erased name's words leave the dictionary when the erasure commits.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table search_word_changes (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      word text not null,
      delta integer not null
    );
    create index search_word_changes_tenant on search_word_changes (tenant_id);
  `);
  // Insert-only for writers; the fold reads and deletes. No update: nothing ever waits on a row here.
  await tenantOwned(knex, 'search_word_changes', 'select, insert, delete');
  await knex.raw(`
    grant usage on sequence search_word_changes_id_seq to relais_app;

    -- Called by the searched tables' statement triggers (migration 20261218000800): appends, locks no shared row.
    create or replace function search_words_change(tenants uuid[], words text[], deltas integer[]) returns void language sql as $f$
      insert into search_word_changes (tenant_id, word, delta)
        select t, w, n from unnest(tenants, words, deltas) d(t, w, n) where n <> 0;
    $f$;

    -- Folds a tenant's logged changes into its dictionary; answers how many changes it folded, or null
    -- when another folder holds the tenant and p_wait is false (the periodic fold: that one does it).
    create function search_words_fold(p_tenant uuid, p_wait boolean default true) returns integer language plpgsql volatile as $f$
    declare
      folded integer;
      gone text[];
    begin
      if p_wait then
        perform pg_advisory_xact_lock(hashtext('search_words_fold'), hashtext(p_tenant::text));
      elsif not pg_try_advisory_xact_lock(hashtext('search_words_fold'), hashtext(p_tenant::text)) then
        return null;
      end if;
      with taken as (delete from search_word_changes where tenant_id = p_tenant returning word, delta),
      sums as (select word, sum(delta)::int as n, count(*)::int as c from taken group by word),
      added as (
        insert into search_words as s (tenant_id, word, uses)
          select p_tenant, word, n from sums where n <> 0 order by word
          on conflict (tenant_id, word) do update set uses = s.uses + excluded.uses
          returning s.word, s.uses
      )
      select coalesce((select sum(c)::int from sums), 0), (select array_agg(word) from added where uses <= 0)
        into folded, gone;
      if gone is not null then
        delete from search_words where tenant_id = p_tenant and word = any (gone);
      end if;
      return folded;
    end $f$;
    grant execute on function search_words_fold(uuid, boolean) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function search_words_fold(uuid, boolean);
    create or replace function search_words_change(tenants uuid[], words text[], deltas integer[]) returns void language sql as $f$
${SEARCH_WORDS_CHANGE_IN_PLACE}    $f$;
    drop table search_word_changes;
  `);
}
