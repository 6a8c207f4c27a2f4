import type { Knex } from 'knex';

/** Tables (with their account column) a brand-bound user reads only for the accounts it reads (as 20261219000600). */
const BY_ACCOUNT = ['contacts', 'sites', 'billing_sites', 'telecom_fleets', 'telecom_lines'];

/** The brand policies, the same conditions as 20261219000600/610, for the given roles (`public` when none). */
function brandPolicies(to: string): string {
  return `
    create policy telecom_brand_scope on telecom_account_profiles as restrictive for select to ${to}
      using ((select telecom_brand_scope()) is null or brand_id = any((select telecom_brand_scope())::uuid[]));
    create policy telecom_brand_scope on accounts as restrictive for select to ${to}
      using ((select telecom_brand_scope()) is null or owner_id = app_user_id() or created_by = app_user_id()
        or exists (select 1 from telecom_account_profiles p where p.account_id = accounts.id));
    create policy telecom_brand_scope on telecom_brands as restrictive for select to ${to}
      using (not exists (select 1 from telecom_brand_users m where m.user_id = app_user_id())
        or exists (select 1 from telecom_brand_users m where m.user_id = app_user_id() and m.brand_id = telecom_brands.id));
    create policy telecom_brand_scope on telecom_offers as restrictive for select to ${to}
      using ((select telecom_brand_scope()) is null or brand_id is null or brand_id = any((select telecom_brand_scope())::uuid[]));
    ${BY_ACCOUNT.map((t) => `create policy telecom_brand_scope on ${t} as restrictive for select to ${to}
      using ((select telecom_brand_scope()) is null or exists (select 1 from accounts a where a.id = ${t}.account_id));`).join('\n    ')}`;
}

const dropPolicies = [...BY_ACCOUNT, 'accounts', 'telecom_account_profiles', 'telecom_brands', 'telecom_offers']
  .map((t) => `drop policy telecom_brand_scope on ${t};`).join('\n    ');

/**
 * ADR 0054 (issue 12): the brand policies apply to narrowed sessions only. For everyone else
 * `telecom_brand_scope()` is null and they let every row through, but PostgreSQL still planned their sub-plans
 * into every read of the accounts and what hangs off them: about 0.4 ms of planning per list and, by changing
 * the search's plan, 0.8 ms per search (docs/performance.md, 2026-12-05).
 *
 * A session is narrowed exactly when `telecom_brand_scope()` would not be null: the user is bound to a brand, or
 * is a partner or reseller. `telecom_session_narrowed` says so for `app_session_role` (20261222000100).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function telecom_session_narrowed(p_user uuid) returns boolean
      language sql stable security definer set search_path = public as $f$
      select exists (select 1 from telecom_brand_users m where m.user_id = p_user)
        or exists (select 1 from users u where u.id = p_user and u.type in ('partner', 'reseller'))
    $f$;
    revoke all on function telecom_session_narrowed(uuid) from public;
    insert into session_narrowings (check_function) values ('telecom_session_narrowed');

    ${dropPolicies}
    ${brandPolicies('relais_narrowed')}
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${dropPolicies}
    ${brandPolicies('public')}
    delete from session_narrowings where check_function = 'telecom_session_narrowed'::regproc;
    drop function if exists telecom_session_narrowed(uuid);
  `);
}
