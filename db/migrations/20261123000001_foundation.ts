import type { Knex } from 'knex';

/**
 * Extensions, the application role and the helpers that row-level security
 * policies use. The application role has no BYPASSRLS; the login role the API
 * uses is made a member of it (scripts/services/postgres.ts, or the DBA).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create extension if not exists pgcrypto;
    create extension if not exists unaccent;
    create extension if not exists pg_trgm;

    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'relais_app') then
        create role relais_app nologin nobypassrls;
      end if;
    end $$;

    create or replace function app_tenant_id() returns uuid
      language sql stable as $f$ select nullif(current_setting('app.tenant_id', true), '')::uuid $f$;
    create or replace function app_user_id() returns uuid
      language sql stable as $f$ select nullif(current_setting('app.user_id', true), '')::uuid $f$;

    -- unaccent() is only STABLE; generated search columns need an IMMUTABLE wrapper
    -- bound to the dictionary explicitly.
    create or replace function f_unaccent(text) returns text
      language sql immutable parallel safe strict as $f$ select public.unaccent('public.unaccent'::regdictionary, $1) $f$;

    create or replace function touch_updated_at() returns trigger language plpgsql as $f$
    begin new.updated_at = now(); return new; end $f$;

    grant usage on schema public to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists touch_updated_at();
    drop function if exists f_unaccent(text);
    drop function if exists app_user_id();
    drop function if exists app_tenant_id();
  `);
}
