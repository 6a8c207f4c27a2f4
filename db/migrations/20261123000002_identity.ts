import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table tenants (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text not null,
      branding jsonb not null default '{}'::jsonb,
      verticals text[] not null default '{}',
      locale text not null default 'fr',
      time_zone text not null default 'Europe/Paris',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );
    alter table tenants enable row level security;
    alter table tenants force row level security;
    create policy tenant_self on tenants using (id = app_tenant_id()) with check (id = app_tenant_id());
    grant select, update on tenants to relais_app;

    create table users (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      email text not null,
      display_name text not null,
      type text not null check (type in ('internal','client','partner','reseller','technician','candidate','student')),
      password_hash text not null,
      -- a client or partner user belongs to one account (their company)
      account_id uuid,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id)
    );
    create unique index users_tenant_email on users (tenant_id, lower(email));
    create index users_email on users (lower(email));

    create table roles (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9][a-z0-9-]*$'),
      label_fr text not null,
      label_en text not null,
      vertical text,
      unique (tenant_id, key),
      unique (tenant_id, id)
    );

    create table user_roles (
      tenant_id uuid not null,
      user_id uuid not null,
      role_id uuid not null,
      primary key (tenant_id, user_id, role_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade,
      foreign key (tenant_id, role_id) references roles(tenant_id, id) on delete cascade
    );

    create table permission_grants (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      role_id uuid not null,
      permission text not null check (permission ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)+$'),
      scope text not null default 'all' check (scope in ('own','assigned','all')),
      unique (tenant_id, role_id, permission),
      foreign key (tenant_id, role_id) references roles(tenant_id, id) on delete cascade
    );

    create table refresh_tokens (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      user_id uuid not null,
      family_id uuid not null,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
    );
    create index refresh_tokens_family on refresh_tokens (family_id);

    -- Security events, append-only and hash-chained per tenant (null tenant: events
    -- before a tenant is known, such as a failed login for an unknown email).
    create table audit_log (
      id bigserial primary key,
      tenant_id uuid references tenants(id) on delete cascade,
      actor_user_id uuid,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}'::jsonb,
      ip text,
      at timestamptz not null default clock_timestamp(),
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_tenant on audit_log (tenant_id, id);

    -- The hash of a row covers its predecessor's hash and all its content.
    create or replace function audit_log_row_hash(r audit_log) returns text
      language sql immutable as $f$
      select encode(digest(r.prev_hash || '|' || coalesce(r.tenant_id::text, '') || '|' ||
        coalesce(r.actor_user_id::text, '') || '|' || r.action || '|' || coalesce(r.target_type, '') || '|' ||
        coalesce(r.target_id, '') || '|' || r.details::text || '|' || coalesce(r.ip, '') || '|' ||
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), 'sha256'), 'hex')
    $f$;

    create or replace function audit_log_chain() returns trigger
      language plpgsql security definer set search_path = public as $f$
    declare last_hash text;
    begin
      perform pg_advisory_xact_lock(hashtext('audit_log:' || coalesce(new.tenant_id::text, '-')));
      -- The id is taken once the tenant's chain is locked, so id order is chain order
      -- (a column default would be taken before the wait).
      new.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
      select hash into last_hash from audit_log
        where tenant_id is not distinct from new.tenant_id order by id desc limit 1;
      new.prev_hash := coalesce(last_hash, repeat('0', 64));
      new.at := clock_timestamp();
      new.hash := audit_log_row_hash(new);
      return new;
    end $f$;
    create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain();

    create or replace function audit_log_immutable() returns trigger language plpgsql as $f$
    begin raise exception 'audit_log is append-only'; end $f$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_immutable();
    -- Row triggers do not see TRUNCATE.
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_immutable();

    -- Recomputes the chain of one tenant; returns the id of the first broken row, or null.
    create or replace function audit_log_verify(p_tenant uuid) returns bigint
      language plpgsql stable security definer set search_path = public as $f$
    declare r audit_log; expected_prev text := repeat('0', 64);
    begin
      if p_tenant is distinct from app_tenant_id() and p_tenant is not null then
        raise exception 'audit_log_verify: tenant mismatch';
      end if;
      for r in select * from audit_log where tenant_id is not distinct from p_tenant order by id loop
        if r.prev_hash <> expected_prev or r.hash <> audit_log_row_hash(r) then return r.id; end if;
        expected_prev := r.hash;
      end loop;
      return null;
    end $f$;

    alter table audit_log enable row level security;
    alter table audit_log force row level security;
    create policy audit_read on audit_log for select using (tenant_id = app_tenant_id());
    create policy audit_insert on audit_log for insert
      with check (tenant_id is null or tenant_id = app_tenant_id());
    grant select, insert on audit_log to relais_app;
    grant usage on sequence audit_log_id_seq to relais_app;

    -- Login happens before a tenant is known: this function is the only way the
    -- application role can look a user up across tenants, and it returns only
    -- what authentication needs.
    create or replace function auth_login_candidates(p_email text)
      returns table (user_id uuid, tenant_id uuid, tenant_slug text, tenant_name text, password_hash text, active boolean)
      language sql stable security definer set search_path = public as $f$
      select u.id, u.tenant_id, t.slug, t.name, u.password_hash, u.active
      from users u join tenants t on t.id = u.tenant_id
      where lower(u.email) = lower(p_email)
    $f$;
    revoke all on function auth_login_candidates(text) from public;
    grant execute on function auth_login_candidates(text) to relais_app;
    revoke all on function audit_log_verify(uuid) from public;
    grant execute on function audit_log_verify(uuid) to relais_app;
  `);
  for (const table of ['users', 'roles', 'user_roles', 'permission_grants', 'refresh_tokens']) {
    await tenantOwned(knex, table);
  }
  await knex.raw(`
    create trigger users_touch before update on users for each row execute function touch_updated_at();
    create trigger tenants_touch before update on tenants for each row execute function touch_updated_at();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists auth_login_candidates(text);
    drop function if exists audit_log_row_hash(audit_log);
    drop table if exists audit_log, refresh_tokens, permission_grants, user_roles, roles, users, tenants cascade;
    drop function if exists audit_log_chain(), audit_log_immutable(), audit_log_verify(uuid);
  `);
}
