import type { Knex } from 'knex';
import { dropSearchWordTriggers, searchWordBackfill, searchWordTriggers } from '../search-words';

/**
 * The telecom deployments in the global search (issue 12: every searchable record of every vertical, through its
 * module's registration; domain/search/search-service.ts), by their number or their title: the title's name
 * (`search_name`, already stored with its trigram GIN) gets the btree on `(tenant_id, search_name collate "C")`
 * (exact and prefix matches in name order), a `search` tsvector of its words (French) with its GIN, and the search
 * dictionary's triggers (typos, ADR 0040). The lines are found by their number only, through the trigram GIN on
 * `number` of 20261219000100: nothing to add.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table telecom_deployments
      add column search tsvector generated always as (to_tsvector('french', f_unaccent(title))) stored;
    create index telecom_deployments_search_name on telecom_deployments (tenant_id, (search_name collate "C"));
    create index telecom_deployments_search on telecom_deployments using gin (search);
  `);
  await knex.raw(searchWordTriggers('telecom_deployments'));
  await knex.raw(searchWordBackfill(['telecom_deployments']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(dropSearchWordTriggers('telecom_deployments'));
  await knex.raw(`
    drop index telecom_deployments_search;
    drop index telecom_deployments_search_name;
    alter table telecom_deployments drop column search;
  `);
}
