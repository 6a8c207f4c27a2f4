import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const ADDRESS = `
      address_line1 text, address_line2 text, postal_code text, city text,
      country text not null default 'FR' check (country ~ '^[A-Z]{2}$'),`;
const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table accounts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      name text not null,
      legal_name text,
      siren text, siret text, vat_number text,
      external_ref text,
      status text not null default 'prospect' check (status in ('prospect','active','suspended','closed')),
      owner_id uuid,
      support_user_id uuid,
      email text, phone text, website text,
      ${ADDRESS}
      payment_terms_days integer check (payment_terms_days between 0 and 365),
      credit_limit_cents bigint check (credit_limit_cents >= 0),
      currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
      notes text,
      ${AUDIT}
      search tsvector generated always as (
        setweight(to_tsvector('french', f_unaccent(coalesce(name, '') || ' ' || coalesce(legal_name, ''))), 'A') ||
        setweight(to_tsvector('french', f_unaccent(coalesce(city, '') || ' ' || coalesce(external_ref, '') || ' ' || coalesce(siret, ''))), 'B')
      ) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, owner_id) references users(tenant_id, id) on delete set null (owner_id),
      foreign key (tenant_id, support_user_id) references users(tenant_id, id) on delete set null (support_user_id)
    );
    create index accounts_list on accounts (tenant_id, name, id);
    create index accounts_status on accounts (tenant_id, status, name, id);
    create index accounts_owner on accounts (tenant_id, owner_id, name, id);
    create index accounts_support on accounts (tenant_id, support_user_id);
    create index accounts_search on accounts using gin (search);
    create index accounts_name_trgm on accounts using gin (f_unaccent(lower(name)) gin_trgm_ops);
    create index accounts_phone_trgm on accounts using gin (phone gin_trgm_ops);

    alter table users add foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete set null (account_id);

    create table contacts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      account_id uuid not null,
      first_name text, last_name text not null,
      job_title text,
      email text, phone text, mobile text,
      availability text,
      notes text,
      ${AUDIT}
      search tsvector generated always as (
        setweight(to_tsvector('simple', f_unaccent(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))), 'A') ||
        setweight(to_tsvector('french', f_unaccent(coalesce(job_title, '') || ' ' || coalesce(email, ''))), 'B')
      ) stored,
      unique (tenant_id, id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade
    );
    create index contacts_account on contacts (tenant_id, account_id, last_name, id);
    create index contacts_search on contacts using gin (search);
    create index contacts_name_trgm on contacts using gin (f_unaccent(lower(coalesce(first_name, '') || ' ' || last_name)) gin_trgm_ops);
    create index contacts_phone_trgm on contacts using gin ((coalesce(phone, '') || ' ' || coalesce(mobile, '')) gin_trgm_ops);

    create table billing_sites (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      account_id uuid not null,
      name text not null,
      external_ref text,
      billing_contact_id uuid,
      billing_email text,
      ${ADDRESS}
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, billing_contact_id) references contacts(tenant_id, id) on delete set null (billing_contact_id)
    );
    create index billing_sites_account on billing_sites (tenant_id, account_id, name, id);

    create table sites (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      account_id uuid not null,
      billing_site_id uuid,
      name text not null,
      phone text,
      access_notes text,
      ${ADDRESS}
      ${AUDIT}
      search tsvector generated always as (
        setweight(to_tsvector('french', f_unaccent(name)), 'A') ||
        setweight(to_tsvector('french', f_unaccent(coalesce(address_line1, '') || ' ' || coalesce(postal_code, '') || ' ' || coalesce(city, ''))), 'B')
      ) stored,
      unique (tenant_id, id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete set null (billing_site_id)
    );
    create index sites_account on sites (tenant_id, account_id, name, id);
    create index sites_search on sites using gin (search);
    create index sites_name_trgm on sites using gin (f_unaccent(lower(name)) gin_trgm_ops);

    -- A contact is created on the account, then assigned to a purpose (DESIGN, spec 002 §4.3).
    create table contact_assignments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      contact_id uuid not null,
      purpose text not null check (purpose in ('site','billing','support','communications','tickets','deployments')),
      site_id uuid,
      billing_site_id uuid,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete cascade,
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete cascade,
      check (purpose <> 'site' or site_id is not null),
      check (purpose <> 'billing' or billing_site_id is not null)
    );
    create unique index contact_assignments_unique on contact_assignments
      (tenant_id, contact_id, purpose, coalesce(site_id, '00000000-0000-0000-0000-000000000000'), coalesce(billing_site_id, '00000000-0000-0000-0000-000000000000'));

    create table documents (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      account_id uuid,
      filename text not null,
      mime_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      storage_key text not null,
      ${AUDIT}
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade
    );
    create index documents_account on documents (tenant_id, account_id, created_at desc);

    create table catalogue_items (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      kind text not null check (kind in ('plan','option','hardware','fee','service')),
      code text not null,
      name text not null,
      description text,
      unit_price_cents bigint not null check (unit_price_cents >= 0),
      purchase_price_cents bigint check (purchase_price_cents >= 0),
      vat_rate_bp integer not null default 2000 check (vat_rate_bp between 0 and 10000),
      currency text not null default 'EUR',
      active boolean not null default true,
      ${AUDIT}
      unique (tenant_id, code)
    );

    create table history (
      id bigserial primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      record_type text not null,
      record_id uuid not null,
      action text not null check (action in ('create','update','delete','assign','unassign','upload')),
      actor_user_id uuid,
      request_id text,
      changes jsonb not null default '{}'::jsonb,
      at timestamptz not null default now()
    );
    create index history_record on history (tenant_id, record_type, record_id, id desc);

    create table idempotency_keys (
      tenant_id uuid not null references tenants(id) on delete cascade,
      user_id uuid not null,
      key text not null,
      request_hash text not null,
      status_code integer not null,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id, key)
    );

    create table tenant_counters (
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      value integer not null default 0,
      primary key (tenant_id, name)
    );

    create table smoke_runs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      workflow_id text not null unique,
      started_by uuid,
      status text not null default 'running' check (status in ('running','completed')),
      completions integer not null default 0,
      created_at timestamptz not null default now(),
      completed_at timestamptz
    );
  `);
  for (const table of ['accounts', 'contacts', 'billing_sites', 'sites', 'contact_assignments', 'documents',
    'catalogue_items', 'tenant_counters', 'idempotency_keys', 'smoke_runs']) {
    await tenantOwned(knex, table);
  }
  // history is append-only for the application: no update, no delete.
  await tenantOwned(knex, 'history', 'select, insert');
  await knex.raw(`
    grant usage on sequence history_id_seq to relais_app;
    create trigger accounts_touch before update on accounts for each row execute function touch_updated_at();
    create trigger contacts_touch before update on contacts for each row execute function touch_updated_at();
    create trigger sites_touch before update on sites for each row execute function touch_updated_at();
    create trigger billing_sites_touch before update on billing_sites for each row execute function touch_updated_at();
    create trigger catalogue_items_touch before update on catalogue_items for each row execute function touch_updated_at();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table users drop constraint if exists users_tenant_id_account_id_fkey;
    drop table if exists smoke_runs, tenant_counters, idempotency_keys, history, catalogue_items, documents,
      contact_assignments, sites, billing_sites, contacts, accounts cascade;
  `);
}
