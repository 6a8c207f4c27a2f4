import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Views a person saved on a list (spec 002 §2.3): a name, the list it belongs to (the UI's list
 * key, e.g. `accounts`, `events-clients`) and the list's URL query (search, sort, filters), kept
 * for its owner and, when shared, shown to everyone of the organisation. Beside the tenant
 * policy, restrictive policies keep a person to their own views and the shared ones, and let
 * only the owner change or delete a view, whatever the code above does.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table saved_views (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      owner_id uuid not null references users(id) on delete cascade,
      list_key text not null check (list_key ~ '^[a-z0-9][a-z0-9.-]{0,63}$'),
      name text not null check (char_length(name) between 1 and 80),
      query jsonb not null default '{}' check (jsonb_typeof(query) = 'object'),
      shared boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, owner_id, list_key, name)
    );
    create index saved_views_shared on saved_views (tenant_id, list_key) where shared;
  `);
  await tenantOwned(knex, 'saved_views');
  await knex.raw(`
    create policy saved_views_read on saved_views as restrictive for select
      using (owner_id = app_user_id() or shared);
    create policy saved_views_insert on saved_views as restrictive for insert
      with check (owner_id = app_user_id());
    create policy saved_views_update on saved_views as restrictive for update
      using (owner_id = app_user_id()) with check (owner_id = app_user_id());
    create policy saved_views_delete on saved_views as restrictive for delete
      using (owner_id = app_user_id());
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists saved_views');
}
