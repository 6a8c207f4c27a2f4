import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const HEX = `'^#[0-9A-Fa-f]{6}$'`;

/** Tables (with their account column) a brand-bound user reads only for the accounts it reads (its brands' clients). */
const BY_ACCOUNT = ['contacts', 'sites', 'billing_sites', 'telecom_fleets', 'telecom_lines'];

/**
 * White label brands (spec 002 §11, issue 17, ADR 0046): each brand's branding (logo, colours, mail sender,
 * its own mail templates) beside A's `telecom_brands`, and which users belong to which brand.
 *
 * A user bound to brands (a partner, a reseller) reads only those brands' clients: restrictive row-level
 * policies on the accounts and what hangs off them (contacts, sites, billing sites, the telecom profile,
 * fleets and lines; offers of other brands), so every endpoint — the core's accounts as the telecom lists —
 * answers another brand's account as absent (404). In an organisation that has brands, a partner or
 * reseller bound to none reads no client (never all of them). `telecom_brand_scope()` is null for everyone
 * else: one cheap check per statement (an init plan), then the tenant's policy alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table telecom_brand_brandings (
      brand_id uuid primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      primary_color text check (primary_color ~ ${HEX}),
      secondary_color text check (secondary_color ~ ${HEX}),
      logo bytea check (octet_length(logo) <= 262144),
      logo_content_type text check (logo_content_type in ('image/png', 'image/jpeg', 'image/webp')),
      mail_sender_name text check (length(mail_sender_name) between 1 and 100),
      mail_templates jsonb not null default '{}'::jsonb check (jsonb_typeof(mail_templates) = 'object'),
      updated_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((logo is null) = (logo_content_type is null)),
      foreign key (tenant_id, brand_id) references telecom_brands(tenant_id, id) on delete cascade
    );

    create table telecom_brand_users (
      user_id uuid not null,
      brand_id uuid not null,
      tenant_id uuid not null references tenants(id) on delete cascade,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (user_id, brand_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade,
      foreign key (tenant_id, brand_id) references telecom_brands(tenant_id, id) on delete cascade
    );
    create index telecom_brand_users_brand on telecom_brand_users (tenant_id, brand_id);
  `);
  await tenantOwned(knex, 'telecom_brand_brandings');
  await tenantOwned(knex, 'telecom_brand_users');
  await knex.raw('create trigger telecom_brand_brandings_touch before update on telecom_brand_brandings for each row execute function touch_updated_at()');
  await knex.raw(`
    -- The brands the current user is limited to; null when not limited (internal staff, clients, the worker).
    create function telecom_brand_scope() returns uuid[] language sql stable as $f$
      select case
        when exists (select 1 from telecom_brand_users m where m.user_id = app_user_id())
          then (select array_agg(m.brand_id) from telecom_brand_users m where m.user_id = app_user_id())
        when exists (select 1 from users u where u.id = app_user_id() and u.type in ('partner', 'reseller'))
          and exists (select 1 from telecom_brands)
          then '{}'::uuid[]
        else null
      end
    $f$;

    create policy telecom_brand_scope on telecom_account_profiles as restrictive for select
      using ((select telecom_brand_scope()) is null or brand_id = any((select telecom_brand_scope())::uuid[]));
    -- Their own new account stays theirs to read until a brand is set on it.
    create policy telecom_brand_scope on accounts as restrictive for select
      using ((select telecom_brand_scope()) is null or owner_id = app_user_id()
        or exists (select 1 from telecom_account_profiles p where p.account_id = accounts.id));
    -- Not through telecom_brand_scope(), which reads telecom_brands (a policy calling it would recurse).
    create policy telecom_brand_scope on telecom_brands as restrictive for select
      using (not exists (select 1 from telecom_brand_users m where m.user_id = app_user_id())
        or exists (select 1 from telecom_brand_users m where m.user_id = app_user_id() and m.brand_id = telecom_brands.id));
    create policy telecom_brand_scope on telecom_offers as restrictive for select
      using ((select telecom_brand_scope()) is null or brand_id is null or brand_id = any((select telecom_brand_scope())::uuid[]));
    ${BY_ACCOUNT.map((t) => `create policy telecom_brand_scope on ${t} as restrictive for select
      using ((select telecom_brand_scope()) is null or exists (select 1 from accounts a where a.id = ${t}.account_id));`).join('\n    ')}
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${[...BY_ACCOUNT, 'accounts', 'telecom_account_profiles', 'telecom_brands', 'telecom_offers'].map((t) => `drop policy if exists telecom_brand_scope on ${t};`).join('\n    ')}
    drop function if exists telecom_brand_scope();
    drop table if exists telecom_brand_users, telecom_brand_brandings cascade;
  `);
}
