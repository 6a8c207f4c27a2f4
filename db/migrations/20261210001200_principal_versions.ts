import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * What lets the API keep each caller's principal (roles, grants, CASL
 * ability) in memory between requests (ADR 0012) without ever using a stale
 * one: a version per tenant, bumped in the same transaction as any change to
 * who may do what (a user's activity, type or company, a role's assignment,
 * key or grants). Every request reads, in the statement that opens its
 * row-level security context, `principal_version(tenant, user, token)`: the
 * version, or null when the user is inactive or gone or the access token was
 * revoked at logout — so revocation still takes effect at the next request,
 * in every API process.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table principal_versions (
      tenant_id uuid primary key,
      version bigint not null
    );

    create or replace function bump_principal_version() returns trigger
      language plpgsql security definer set search_path = public as $f$
    begin
      insert into principal_versions as v (tenant_id, version)
        values (case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end, 2)
        on conflict (tenant_id) do update set version = v.version + 1;
      return null;
    end $f$;
    revoke all on function bump_principal_version() from public;

    create trigger users_principal_version after update of active, type, account_id or delete on users
      for each row execute function bump_principal_version();
    create trigger user_roles_principal_version after insert or update or delete on user_roles
      for each row execute function bump_principal_version();
    create trigger roles_principal_version after update of key or delete on roles
      for each row execute function bump_principal_version();
    create trigger permission_grants_principal_version after insert or update or delete on permission_grants
      for each row execute function bump_principal_version();

    -- Called with the tenant and user of a verified access token, before (and not
    -- depending on) the request's row-level security settings; answers one number.
    create or replace function principal_version(p_tenant uuid, p_user uuid, p_token uuid) returns bigint
      language sql stable security definer set search_path = public as $f$
      select coalesce((select v.version from principal_versions v where v.tenant_id = p_tenant), 1)
      from users u
      where u.tenant_id = p_tenant and u.id = p_user and u.active
        and not exists (select 1 from revoked_access_tokens x where x.jti = p_token)
    $f$;
    revoke all on function principal_version(uuid, uuid, uuid) from public;
    grant execute on function principal_version(uuid, uuid, uuid) to relais_app;
  `);
  await tenantOwned(knex, 'principal_versions', 'select');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists users_principal_version on users;
    drop trigger if exists user_roles_principal_version on user_roles;
    drop trigger if exists roles_principal_version on roles;
    drop trigger if exists permission_grants_principal_version on permission_grants;
    drop function if exists principal_version(uuid, uuid, uuid);
    drop function if exists bump_principal_version();
    drop table if exists principal_versions;
  `);
}
