import type { Knex } from 'knex';

/**
 * Narrowed sessions (ADR 0054, issue 12): row-level policies that only some users need (a telecom partner
 * bound to brands reads only those brands' clients) are written `to relais_narrowed`, so the statements of
 * everyone else are planned without them.
 *
 * - `relais_narrowed` has the application's privileges (a member of `relais_app`); every login role of the
 *   application inherits it, so a session that takes no role (a statement outside any request's transaction)
 *   is narrowed: forgetting to choose is never wider.
 * - The statement that opens a request's transaction (db/tenant-scope.ts) takes `app_session_role(user)`:
 *   `relais_narrowed` when one of the checks a module registered in `session_narrowings` says the user is
 *   narrowed, `relais_app` otherwise (staff, the worker, a script).
 * - A module registers its check with its policies, in its own migration; the core names none of them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'relais_narrowed') then
        create role relais_narrowed nologin nobypassrls;
      end if;
    end $$;
    grant relais_app to relais_narrowed;

    -- The login roles that exist already (made by scripts/services/postgres.ts, or a DBA) inherit it.
    do $$
    declare r record;
    begin
      for r in select l.rolname from pg_auth_members m join pg_roles l on l.oid = m.member
               where m.roleid = 'relais_app'::regrole and l.rolcanlogin loop
        execute format('grant relais_narrowed to %I', r.rolname);
      end loop;
    end $$;

    create table session_narrowings (
      check_function regproc primary key
    );
    revoke all on session_narrowings from public;

    -- Called with the user of the request, before (and not depending on) its row-level security settings.
    create function app_session_role(p_user uuid) returns text
      language plpgsql stable security definer set search_path = public as $f$
    declare
      f regproc;
      narrowed boolean;
    begin
      if p_user is not null then
        for f in select check_function from session_narrowings order by check_function::text loop
          execute format('select %s($1)', f) into narrowed using p_user;
          if narrowed then return 'relais_narrowed'; end if;
        end loop;
      end if;
      return 'relais_app';
    end $f$;
    revoke all on function app_session_role(uuid) from public;
    grant execute on function app_session_role(uuid) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists app_session_role(uuid);
    drop table if exists session_narrowings;
  `);
}
