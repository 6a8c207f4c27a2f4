import type { Knex } from 'knex';
import { tenantOwned } from '../rls';
import { dropSearchWordTriggers, SEARCH_WORDS_CHANGE_IN_PLACE, searchWordBackfill, searchWordTriggers } from '../search-words';

/** The tables whose `search_name` a registered kind searches (and the missions', ready for theirs). */
const TABLES = ['accounts', 'contacts', 'sites', 'event_clients', 'event_events', 'psa_contracts', 'psa_tickets', 'audit_missions'];

/**
 * The search dictionary (issue 12, ADR 0040; domain/search/search-service.ts): each tenant's
 * distinct words of the searched names (`search_name`, unaccented and lower-cased; words of three
 * characters or more) with how many names hold each. A mistyped query (« marrtin ») finds its few
 * close words here by trigram word similarity, over some thousands of words instead of every name,
 * then the names holding them through the words' full-text indexes.
 *
 * Kept in step by statement triggers on every searched table (db/search-words.ts): the words of the
 * rows inserted are counted in, those of the rows deleted counted out, an update counting only the
 * rows whose name changed; a word goes with the last name holding it (an erased or anonymised name
 * leaves nothing here). Tenant-owned, row-level security forced like every tenant table; the
 * triggers run as the writer, in its tenant.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table search_words (
      tenant_id uuid not null references tenants(id) on delete cascade,
      word text not null,
      uses integer not null,
      primary key (tenant_id, word)
    );
    create index search_words_trgm on search_words using gin (word gin_trgm_ops);

    -- A name's distinct words (letters and digits) of three characters or more.
    create function search_words_of(name text) returns setof text language sql immutable parallel safe as $f$
      select distinct w from regexp_split_to_table(name, '[^[:alnum:]]+') w where char_length(w) >= 3
    $f$;

    -- Adds each delta to its word's count, in word order; a word whose count falls to zero goes.
    create function search_words_change(tenants uuid[], words text[], deltas integer[]) returns void language sql as $f$
${SEARCH_WORDS_CHANGE_IN_PLACE}    $f$;

    create function search_words_insert() returns trigger language plpgsql as $f$
    declare t uuid[]; w text[]; n integer[];
    begin
      select array_agg(d.tenant_id order by d.tenant_id, d.word), array_agg(d.word order by d.tenant_id, d.word), array_agg(d.n order by d.tenant_id, d.word)
        into t, w, n
        from (select r.tenant_id, x as word, count(*)::int as n from new_rows r, search_words_of(r.search_name) x group by 1, 2) d;
      if t is not null then perform search_words_change(t, w, n); end if;
      return null;
    end $f$;

    create function search_words_delete() returns trigger language plpgsql as $f$
    declare t uuid[]; w text[]; n integer[];
    begin
      select array_agg(d.tenant_id order by d.tenant_id, d.word), array_agg(d.word order by d.tenant_id, d.word), array_agg(d.n order by d.tenant_id, d.word)
        into t, w, n
        from (select r.tenant_id, x as word, -count(*)::int as n from old_rows r, search_words_of(r.search_name) x group by 1, 2) d;
      if t is not null then perform search_words_change(t, w, n); end if;
      return null;
    end $f$;

    -- Only the rows whose name changed count: a status update costs one join of the two row sets.
    create function search_words_update() returns trigger language plpgsql as $f$
    declare t uuid[]; w text[]; n integer[];
    begin
      select array_agg(d.tenant_id order by d.tenant_id, d.word), array_agg(d.word order by d.tenant_id, d.word), array_agg(d.n order by d.tenant_id, d.word)
        into t, w, n
        from (
          select c.tenant_id, x as word, sum(c.n)::int as n
            from (
              select o.tenant_id, o.search_name, -1 as n from old_rows o join new_rows r on r.id = o.id where r.search_name is distinct from o.search_name
              union all
              select r.tenant_id, r.search_name, 1 from old_rows o join new_rows r on r.id = o.id where r.search_name is distinct from o.search_name
            ) c, search_words_of(c.search_name) x
           group by 1, 2 having sum(c.n) <> 0
        ) d;
      if t is not null then perform search_words_change(t, w, n); end if;
      return null;
    end $f$;
  `);
  await tenantOwned(knex, 'search_words');
  for (const table of TABLES) await knex.raw(searchWordTriggers(table));
  await knex.raw(searchWordBackfill(TABLES));
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) await knex.raw(dropSearchWordTriggers(table));
  await knex.raw(`
    drop table search_words;
    drop function search_words_insert();
    drop function search_words_update();
    drop function search_words_delete();
    drop function search_words_change(uuid[], text[], integer[]);
    drop function search_words_of(text);
  `);
}
