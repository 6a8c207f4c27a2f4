import type { Knex } from 'knex';

/**
 * Work a vertical does for every organisation that enabled it when the API
 * starts (Epic Events' clients joining their process, ADR 0005) must know which
 * organisations those are, which the application role cannot see across
 * tenants: this function answers their ids only. Each one's records are then
 * read under its own row-level security scope.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function tenants_with_vertical(p_vertical text) returns setof uuid
      language sql stable security definer set search_path = public as $f$
        select id from tenants where p_vertical = any (verticals) order by id
      $f$;
    revoke all on function tenants_with_vertical(text) from public;
    grant execute on function tenants_with_vertical(text) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists tenants_with_vertical(text)');
}
