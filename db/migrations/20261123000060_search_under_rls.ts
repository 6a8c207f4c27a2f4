import type { Knex } from 'knex';
import { leakproofFunctions } from '../rls';

/**
 * Under row-level security PostgreSQL applies a query's own conditions after
 * the tenant policy, unless every function they pass row data to is
 * LEAKPROOF; otherwise no index can serve them, and every search, name filter
 * or phone match reads all the tenant's rows (bench/api measured it).
 * These functions cannot fail or behave differently depending on the row
 * values they read (lower-casing, removing accents, concatenating, matching a
 * pattern or a text query, trigram similarity; LIKE fails only on a malformed
 * pattern, which is the query's own constant), so declaring them leakproof
 * reveals nothing about rows a user may not see.
 *
 * Only a superuser may do this: under another migration role the statement
 * is skipped with a notice, and searches stay correct, only slower.
 */
const FUNCTIONS = [
  'lower(text)', 'textcat(text, text)', 'textlike(text, text)', 'texticlike(text, text)',
  'ts_match_vq(tsvector, tsquery)', 'similarity_op(text, text)', 'unaccent(regdictionary, text)', 'f_unaccent(text)',
];

function alterAll(leakproof: boolean): string {
  return leakproofFunctions(FUNCTIONS, leakproof, 'Not a superuser: search functions left as they are (searches read every row of the tenant).');
}

/**
 * COALESCE is not a function PostgreSQL can vouch for, so a condition on
 * `coalesce(first_name, '') || …` never qualifies: the searchable forms of
 * contact and client names (and contact phones) become stored generated
 * columns, indexed, which the queries match directly.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(alterAll(true));
  await knex.raw(`
    alter table contacts
      add column search_name text generated always as (f_unaccent(lower(coalesce(first_name, '') || ' ' || last_name))) stored,
      add column search_phones text generated always as (coalesce(phone, '') || ' ' || coalesce(mobile, '')) stored;
    drop index contacts_name_trgm;
    drop index contacts_phone_trgm;
    create index contacts_search_name_trgm on contacts using gin (search_name gin_trgm_ops);
    create index contacts_search_phones_trgm on contacts using gin (search_phones gin_trgm_ops);

    alter table event_clients
      add column search_name text generated always as (f_unaccent(lower(full_name || ' ' || coalesce(company_name, '')))) stored;
    drop index event_clients_name_trgm;
    create index event_clients_search_name_trgm on event_clients using gin (search_name gin_trgm_ops);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index event_clients_search_name_trgm;
    alter table event_clients drop column search_name;
    create index event_clients_name_trgm on event_clients using gin (f_unaccent(lower(full_name || ' ' || coalesce(company_name, ''))) gin_trgm_ops);
    drop index contacts_search_name_trgm;
    drop index contacts_search_phones_trgm;
    alter table contacts drop column search_name, drop column search_phones;
    create index contacts_name_trgm on contacts using gin (f_unaccent(lower(coalesce(first_name, '') || ' ' || last_name)) gin_trgm_ops);
    create index contacts_phone_trgm on contacts using gin ((coalesce(phone, '') || ' ' || coalesce(mobile, '')) gin_trgm_ops);
  `);
  await knex.raw(alterAll(false));
}
