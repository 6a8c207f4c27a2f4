/**
 * The search dictionary's upkeep (migrations 20261218000800 and 20261218000900, ADR 0040): a
 * table whose `search_name` the global search reads (a kind's `RecordSearch.names`) logs the
 * changes of its names' words in `search_word_changes` through three statement triggers (no lock
 * on a shared row), folded into `search_words` by domain/search/search-words.ts. A migration that adds
 * such a table adds them with `searchWordTriggers(table)` and counts its existing rows with
 * `searchWordBackfill(table)`; `test/integration/search-typos.test.ts` checks every searched
 * table has them.
 */
export function searchWordTriggers(table: string): string {
  return `
    create trigger ${table}_search_words_insert after insert on ${table}
      referencing new table as new_rows for each statement execute function search_words_insert();
    create trigger ${table}_search_words_update after update on ${table}
      referencing old table as old_rows new table as new_rows for each statement execute function search_words_update();
    create trigger ${table}_search_words_delete after delete on ${table}
      referencing old table as old_rows for each statement execute function search_words_delete();`;
}

export function dropSearchWordTriggers(table: string): string {
  return ['insert', 'update', 'delete'].map((op) => `drop trigger if exists ${table}_search_words_${op} on ${table};`).join('\n');
}

/**
 * Counts the words of tables' existing names (run once, after `searchWordTriggers`), tenant by
 * tenant in each tenant's context: right under forced row-level security whatever the role.
 */
export function searchWordBackfill(tables: readonly string[]): string {
  const counts = tables.map((table) => `
        insert into search_words as s (tenant_id, word, uses)
        select t.tenant_id, w, count(*) from ${table} t, search_words_of(t.search_name) w
         where t.tenant_id = tenant group by 1, 2 order by 1, 2
        on conflict (tenant_id, word) do update set uses = s.uses + excluded.uses;`).join('');
  return `
    do $$
    declare tenant uuid;
    begin
      for tenant in select id from tenants order by id loop
        perform set_config('app.tenant_id', tenant::text, true);${counts}
      end loop;
      perform set_config('app.tenant_id', '', true);
    end $$;`;
}

/**
 * The first version's `search_words_change` body (migration 20261218000800): each delta added to its
 * word's count in place, in word order; a word whose count falls to zero goes. It held the words' rows
 * until the writer committed: migration 20261218000900 replaced it by the log, and puts it back on down.
 */
export const SEARCH_WORDS_CHANGE_IN_PLACE = `
      insert into search_words as s (tenant_id, word, uses)
        select t, w, n from unnest(tenants, words, deltas) d(t, w, n) where n > 0 order by t, w
        on conflict (tenant_id, word) do update set uses = s.uses + excluded.uses;
      update search_words s set uses = s.uses + d.n from unnest(tenants, words, deltas) d(t, w, n)
        where d.n < 0 and s.tenant_id = d.t and s.word = d.w;
      delete from search_words s using unnest(tenants, words, deltas) d(t, w, n)
        where d.n < 0 and s.tenant_id = d.t and s.word = d.w and s.uses <= 0;
`;
