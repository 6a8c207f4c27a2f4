import type { Knex } from 'knex';
import { dropSearchWordTriggers, searchWordBackfill, searchWordTriggers } from '../search-words';

/**
 * The telecom lines and deployments in the global search (issue 12: every searchable record of every vertical,
 * through its module's registration; domain/search/search-service.ts). A line is found by its number as people
 * type it (« 06 12 34 56 78 »: the digits against the E.164 number, through its trigram GIN of 20261219000100) or by its user's name; a
 * deployment by its number or its title. Each searched name gets the btree on `(tenant_id, search_name collate
 * "C")` (exact and prefix matches in name order), a trigram GIN (similar names), a `search` tsvector of its words
 * with its GIN, and the search dictionary's triggers (typos, ADR 0040).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table telecom_lines
      add column search_name text generated always as (f_unaccent(lower(coalesce(user_name, '')))) stored,
      add column search tsvector generated always as (to_tsvector('simple', f_unaccent(coalesce(user_name, '')))) stored;
    create index telecom_lines_search_name on telecom_lines (tenant_id, (search_name collate "C"));
    create index telecom_lines_search_name_trgm on telecom_lines using gin (search_name gin_trgm_ops);
    create index telecom_lines_search on telecom_lines using gin (search);

    alter table telecom_deployments
      add column search tsvector generated always as (to_tsvector('french', f_unaccent(title))) stored;
    create index telecom_deployments_search_name on telecom_deployments (tenant_id, (search_name collate "C"));
    create index telecom_deployments_search on telecom_deployments using gin (search);
  `);
  await knex.raw(searchWordTriggers('telecom_lines'));
  await knex.raw(searchWordTriggers('telecom_deployments'));
  await knex.raw(searchWordBackfill(['telecom_lines', 'telecom_deployments']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(dropSearchWordTriggers('telecom_lines'));
  await knex.raw(dropSearchWordTriggers('telecom_deployments'));
  await knex.raw(`
    drop index telecom_deployments_search;
    drop index telecom_deployments_search_name;
    alter table telecom_deployments drop column search;
    drop index telecom_lines_search;
    drop index telecom_lines_search_name_trgm;
    drop index telecom_lines_search_name;
    alter table telecom_lines drop column search, drop column search_name;
  `);
}
