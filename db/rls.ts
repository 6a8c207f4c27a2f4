import type { Knex } from 'knex';

/**
 * Turns on row-level security for a tenant-owned table and grants the
 * application role the listed privileges. FORCE makes the policy apply to the
 * table owner too, so only a superuser or a BYPASSRLS role sees across tenants.
 */
export async function tenantOwned(knex: Knex, table: string, privileges = 'select, insert, update, delete'): Promise<void> {
  await knex.raw(`
    alter table ${table} enable row level security;
    alter table ${table} force row level security;
    create policy tenant_isolation on ${table}
      using (tenant_id = app_tenant_id())
      with check (tenant_id = app_tenant_id());
    grant ${privileges} on ${table} to relais_app;
  `);
}
