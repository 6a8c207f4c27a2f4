import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

const FLEET_TYPES = `('mobile', 'internet', 'fixed', 'cyber')`;
const KEY = `'^[a-z0-9][a-z0-9-]{0,39}$'`;

/**
 * SoftWhere's official hierarchy (spec 002 §4–5, issue 17, ADR 0041): on the core's accounts, contacts,
 * billing sites and sites, the telecom vertical adds white-label brands, the account's telecom profile
 * (SoftWhere id, brand, external references), the billing sites' references in the billing systems
 * (CFAST billing point, Pennylane…), fleets (TYPE + OPERATOR, « Mobile / Orange »), the catalogue's
 * plans and options as telecom offers (per brand, fleet type and operator, with the operator's product
 * code; prices stay the core catalogue item's) and the lines / services.
 *
 * A fleet's and an offer's `operator_key` is the network or vendor the client knows (orange, sfr,
 * alphalink, 3cx, paloalto); a line's `operator_key` is the operator port that provisions it (snaic for
 * Orange and SFR mobiles, alphalink…), its `operator_refs` the identifiers that port answered.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- Telecom records reference catalogue items within their tenant (tenant_id, id). References that must not
    -- vanish (a fleet's site, a line's fleet and plan) are « no action », checked at the end of the statement, so
    -- deleting an account cascades through its sites, fleets and lines in whatever order.
    alter table catalogue_items add constraint catalogue_items_tenant_id_id_key unique (tenant_id, id);

    create table telecom_brands (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null check (key ~ ${KEY}),
      name text not null check (length(name) between 1 and 200),
      active boolean not null default true,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, key)
    );

    create table telecom_account_profiles (
      account_id uuid primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      softwhere_id text not null check (softwhere_id ~ '^SW-[0-9]{6}$'),
      brand_id uuid,
      external_refs jsonb not null default '{}'::jsonb check (jsonb_typeof(external_refs) = 'object'),
      ${AUDIT}
      unique (tenant_id, softwhere_id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, brand_id) references telecom_brands(tenant_id, id) on delete no action
    );
    create index telecom_account_profiles_brand on telecom_account_profiles (tenant_id, brand_id);

    create table telecom_billing_site_refs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      billing_site_id uuid not null,
      system text not null check (system ~ ${KEY}),
      reference text not null check (length(reference) between 1 and 100),
      ${AUDIT}
      unique (tenant_id, billing_site_id, system),
      unique (tenant_id, system, reference),
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete cascade
    );

    create table telecom_fleets (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      account_id uuid not null,
      site_id uuid,
      billing_site_id uuid,
      type text not null check (type in ${FLEET_TYPES}),
      operator_key text not null check (operator_key ~ ${KEY}),
      name text not null check (length(name) between 1 and 200),
      ${AUDIT}
      unique (tenant_id, id),
      unique nulls not distinct (tenant_id, account_id, site_id, type, operator_key),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete no action,
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete set null (billing_site_id)
    );
    create index telecom_fleets_account on telecom_fleets (tenant_id, account_id, name, id);
    create index telecom_fleets_site on telecom_fleets (tenant_id, site_id);

    create table telecom_offers (
      catalogue_item_id uuid primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      brand_id uuid,
      fleet_type text not null check (fleet_type in ${FLEET_TYPES}),
      operator_key text not null check (operator_key ~ ${KEY}),
      operator_product_code text not null check (length(operator_product_code) between 1 and 100),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      foreign key (tenant_id, catalogue_item_id) references catalogue_items(tenant_id, id) on delete cascade,
      foreign key (tenant_id, brand_id) references telecom_brands(tenant_id, id) on delete cascade
    );
    create index telecom_offers_fleet on telecom_offers (tenant_id, fleet_type, operator_key);

    create table telecom_lines (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number text not null check (length(number) between 1 and 100),
      account_id uuid not null,
      fleet_id uuid not null,
      site_id uuid,
      billing_site_id uuid,
      user_name text,
      plan_id uuid,
      option_ids uuid[] not null default '{}',
      status text not null default 'pending' check (status in ('pending', 'active', 'suspended', 'terminated')),
      sale_price_cents bigint not null default 0 check (sale_price_cents >= 0),
      purchase_price_cents bigint check (purchase_price_cents >= 0),
      operator_key text not null check (operator_key ~ ${KEY}),
      operator_refs jsonb not null default '{}'::jsonb check (jsonb_typeof(operator_refs) = 'object'),
      billing_refs jsonb not null default '{}'::jsonb check (jsonb_typeof(billing_refs) = 'object'),
      activated_on date,
      terminated_on date,
      ${AUDIT}
      unique (tenant_id, id),
      check (terminated_on is null or activated_on is null or terminated_on >= activated_on),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, fleet_id) references telecom_fleets(tenant_id, id) on delete no action,
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete set null (site_id),
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete set null (billing_site_id),
      foreign key (tenant_id, plan_id) references catalogue_items(tenant_id, id) on delete no action
    );
    -- A number is in service once at a time (a terminated line keeps its number for the record).
    create unique index telecom_lines_number_live on telecom_lines (tenant_id, number) where status <> 'terminated';
    create index telecom_lines_list on telecom_lines (tenant_id, number, id);
    create index telecom_lines_account on telecom_lines (tenant_id, account_id, number, id);
    create index telecom_lines_fleet on telecom_lines (tenant_id, fleet_id, number, id);
    create index telecom_lines_status on telecom_lines (tenant_id, status, number, id);
    create index telecom_lines_plan on telecom_lines (tenant_id, plan_id, number, id);
    create index telecom_lines_number_trgm on telecom_lines using gin (number gin_trgm_ops);
  `);
  for (const table of ['telecom_brands', 'telecom_account_profiles', 'telecom_billing_site_refs', 'telecom_fleets', 'telecom_offers', 'telecom_lines']) {
    await tenantOwned(knex, table);
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists telecom_lines, telecom_offers, telecom_fleets, telecom_billing_site_refs, telecom_account_profiles, telecom_brands cascade;
    alter table catalogue_items drop constraint if exists catalogue_items_tenant_id_id_key;
  `);
}
