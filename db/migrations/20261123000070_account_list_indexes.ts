import type { Knex } from 'knex';

/**
 * The account list's filters in the orders it sorts by (domain/core/resources.ts):
 * a page reads its 51 index entries instead of sorting every matching account
 * of the tenant (bench/api: status filtered by last update, city).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index accounts_status_updated on accounts (tenant_id, status, updated_at, id);
    create index accounts_updated on accounts (tenant_id, updated_at, id);
    create index accounts_city on accounts (tenant_id, city, name, id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists accounts_status_updated, accounts_updated, accounts_city');
}
