import type { Knex } from 'knex';

/**
 * The MSP's contracts and tickets in the global search (issue 14; domain/search/search-service.ts,
 * the psa manifest's `search` declarations): their names (`search_name`, already stored) get the
 * btree on `(tenant_id, search_name collate "C")` for exact and prefix matches in name order, the
 * contracts a trigram GIN as the tickets have, and both a `search` tsvector of their words
 * (French: a contract's name, a ticket's title) with its GIN. Their client's name is read through
 * the accounts' own indexes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table psa_contracts add column search tsvector generated always as (to_tsvector('french', f_unaccent(name))) stored;
    create index psa_contracts_search_name on psa_contracts (tenant_id, (search_name collate "C"));
    create index psa_contracts_search_name_trgm on psa_contracts using gin (search_name gin_trgm_ops);
    create index psa_contracts_search on psa_contracts using gin (search);

    alter table psa_tickets add column search tsvector generated always as (to_tsvector('french', f_unaccent(title))) stored;
    create index psa_tickets_search_name on psa_tickets (tenant_id, (search_name collate "C"));
    create index psa_tickets_search on psa_tickets using gin (search);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index psa_tickets_search_name;
    alter table psa_tickets drop column search;
    drop index psa_contracts_search_name_trgm;
    drop index psa_contracts_search_name;
    alter table psa_contracts drop column search;
  `);
}
