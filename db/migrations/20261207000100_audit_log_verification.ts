import type { Knex } from 'knex';

/**
 * The scheduled verification of the audit log walks every tenant's chain,
 * which the application role cannot see across tenants: this function does it
 * with the owner's rights and returns only, per chain (tenant, or null for the
 * events before a tenant was known), how many rows were checked and the id of
 * the first broken row (null when intact). Same rule as audit_log_verify.
 * Administrators (the roles that manage users) may read the verification.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function audit_log_verify_all()
      returns table (tenant_id uuid, rows_checked bigint, first_broken_id bigint)
      language plpgsql stable security definer set search_path = public as $f$
    declare r audit_log; started boolean := false; current_tenant uuid; expected_prev text; checked bigint; broken bigint;
    begin
      for r in select * from audit_log a order by a.tenant_id nulls first, a.id loop
        if not started or r.tenant_id is distinct from current_tenant then
          if started then
            tenant_id := current_tenant; rows_checked := checked; first_broken_id := broken; return next;
          end if;
          started := true; current_tenant := r.tenant_id; expected_prev := repeat('0', 64); checked := 0; broken := null;
        end if;
        checked := checked + 1;
        if broken is null then
          if r.prev_hash <> expected_prev or r.hash <> audit_log_row_hash(r) then broken := r.id; end if;
          expected_prev := r.hash;
        end if;
      end loop;
      if started then
        tenant_id := current_tenant; rows_checked := checked; first_broken_id := broken; return next;
      end if;
    end $f$;
    revoke all on function audit_log_verify_all() from public;
    grant execute on function audit_log_verify_all() to relais_app;

    insert into permission_grants (tenant_id, role_id, permission, scope)
      select tenant_id, role_id, 'identity.audit-log.read', 'all' from permission_grants where permission = 'identity.user.update'
      on conflict (tenant_id, role_id, permission) do nothing;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    delete from permission_grants where permission = 'identity.audit-log.read';
    drop function if exists audit_log_verify_all();
  `);
}
