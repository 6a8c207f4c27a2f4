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

/**
 * Declares functions LEAKPROOF (or not), so that conditions using them can be
 * served by an index under row-level security (migrations 20261123000060 and
 * 20261209000600 say why each reveals nothing). Only a superuser may: under
 * another migration role the statement is skipped with `notice`, and queries
 * stay correct, only slower.
 */
export function leakproofFunctions(functions: readonly string[], leakproof: boolean, notice: string): string {
  return `
    do $$
    begin
      if (select rolsuper from pg_roles where rolname = current_user) then
        ${functions.map((f) => `alter function ${f} ${leakproof ? 'leakproof' : 'not leakproof'};`).join('\n        ')}
      else
        raise notice '${notice.replace(/'/g, "''")}';
      end if;
    end $$;`;
}
