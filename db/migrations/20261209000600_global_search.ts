import type { Knex } from 'knex';
import { leakproofFunctions } from '../rls';

/**
 * The global search's indexes (domain/search/search-service.ts), for every kind
 * that registers a search (`RecordKind.search`): accounts, contacts, sites,
 * Epic Events' clients, contracts (through their client) and events.
 *
 * - `search_name`, the name unaccented and lower-cased, is a stored generated
 *   column (a condition on an expression of several columns or on COALESCE
 *   cannot use an index under row-level security: migration
 *   20261123000060), with a btree on `(tenant_id, search_name collate "C")`:
 *   an exact or prefix match reads only the matching entries, in name order,
 *   the tenant's policy being the index's first column. Under collation "C"
 *   the btree serves `like 'prefix%'` as a range (as `text_pattern_ops`
 *   would) and also orders by the name, which `text_pattern_ops` does not.
 * - Each name has a trigram GIN (similar names, contains-matches of the lists'
 *   `q`), replacing the expression indexes on `f_unaccent(lower(name))`.
 * - `search` (tsvector, GIN) holds the words; Epic Events' clients and events
 *   get one (a client's: its name, company and e-mail, unstemmed; an event's:
 *   its name and location, in French).
 * - Phones, stored in E.164, get a trigram GIN where they had none.
 * - Word similarity (`<%`, similar names) is declared LEAKPROOF like the other
 *   search operators (migration 20261123000060 says why it reveals nothing),
 *   so that its condition can use the trigram indexes under row-level
 *   security; only a superuser may, otherwise it stays as it is (slower).
 * - A contact's name no longer starts with a space when it has no first name,
 *   nor a client's ends with one when it has no company (« Martin » is then an
 *   exact match of the contact Martin).
 */
const WORD_SIMILARITY = ['word_similarity_op(text, text)', 'word_similarity_commutator_op(text, text)'];

const leakproof = (on: boolean) => leakproofFunctions(WORD_SIMILARITY, on, 'Not a superuser: word similarity left as it is (similar names read every row of the tenant).');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(leakproof(true));
  await knex.raw(`
    alter table accounts add column search_name text generated always as (f_unaccent(lower(name))) stored;
    drop index accounts_name_trgm;
    create index accounts_search_name on accounts (tenant_id, (search_name collate "C"));
    create index accounts_search_name_trgm on accounts using gin (search_name gin_trgm_ops);

    alter table sites add column search_name text generated always as (f_unaccent(lower(name))) stored;
    drop index sites_name_trgm;
    create index sites_search_name on sites (tenant_id, (search_name collate "C"));
    create index sites_search_name_trgm on sites using gin (search_name gin_trgm_ops);
    create index sites_phone_trgm on sites using gin (phone gin_trgm_ops);

    alter table contacts drop column search_name;
    alter table contacts add column search_name text generated always as (f_unaccent(lower(ltrim(coalesce(first_name, '') || ' ' || last_name)))) stored;
    create index contacts_search_name on contacts (tenant_id, (search_name collate "C"));
    create index contacts_search_name_trgm on contacts using gin (search_name gin_trgm_ops);

    alter table event_clients drop column search_name;
    alter table event_clients
      add column search_name text generated always as (f_unaccent(lower(rtrim(full_name || ' ' || coalesce(company_name, ''))))) stored;
    create index event_clients_search_name_trgm on event_clients using gin (search_name gin_trgm_ops);
    alter table event_clients add column search tsvector generated always as (
      to_tsvector('simple', f_unaccent(full_name || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, '')))) stored;
    create index event_clients_search_name on event_clients (tenant_id, (search_name collate "C"));
    create index event_clients_search on event_clients using gin (search);
    create index event_clients_phone_trgm on event_clients using gin (phone gin_trgm_ops);

    alter table event_events
      add column search_name text generated always as (f_unaccent(lower(name))) stored,
      add column search tsvector generated always as (to_tsvector('french', f_unaccent(name || ' ' || coalesce(location, '')))) stored;
    create index event_events_search_name on event_events (tenant_id, (search_name collate "C"));
    create index event_events_search_name_trgm on event_events using gin (search_name gin_trgm_ops);
    create index event_events_search on event_events using gin (search);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table event_events drop column search_name, drop column search;
    drop index event_clients_phone_trgm;
    alter table event_clients drop column search, drop column search_name;
    alter table event_clients add column search_name text generated always as (f_unaccent(lower(full_name || ' ' || coalesce(company_name, '')))) stored;
    create index event_clients_search_name_trgm on event_clients using gin (search_name gin_trgm_ops);

    alter table contacts drop column search_name;
    alter table contacts add column search_name text generated always as (f_unaccent(lower(coalesce(first_name, '') || ' ' || last_name))) stored;
    create index contacts_search_name_trgm on contacts using gin (search_name gin_trgm_ops);

    drop index sites_phone_trgm;
    alter table sites drop column search_name;
    create index sites_name_trgm on sites using gin (f_unaccent(lower(name)) gin_trgm_ops);

    alter table accounts drop column search_name;
    create index accounts_name_trgm on accounts using gin (f_unaccent(lower(name)) gin_trgm_ops);
  `);
  await knex.raw(leakproof(false));
}
