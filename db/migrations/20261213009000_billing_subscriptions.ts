import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Recurring invoicing (issue 13, spec 003): a subscription bills an account the same lines every
 * month, quarter or year, per machine, user or site (its quantity multiplies each line's) or flat.
 * `next_period_start` is the first period not invoiced yet; the scheduled run (workflows/billing/
 * subscription-invoicing.workflow.ts) invoices every period that has started, oldest first.
 *
 * `billing_subscription_periods` holds one row per (subscription, period start), written in the
 * transaction that creates the period's invoice: a period is never invoiced twice, whatever runs
 * again, overlaps or catches up. billing_subscription_tenants_due(date) answers which organisations
 * have a period to invoice (ids only: the worker's role cannot see across tenants).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table billing_subscriptions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      name text not null,
      account_id uuid not null,
      billing_site_id uuid,
      lines jsonb not null check (jsonb_typeof(lines) = 'array' and jsonb_array_length(lines) between 1 and 200),
      frequency text not null check (frequency in ('monthly', 'quarterly', 'yearly')),
      basis text not null check (basis in ('machine', 'user', 'site', 'flat')),
      quantity integer not null default 1 check (quantity between 1 and 1000000),
      start_date date not null,
      end_date date,
      next_period_start date not null,
      mode text not null default 'draft' check (mode in ('draft', 'issued')),
      active boolean not null default true,
      notes text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id),
      unique (tenant_id, number),
      check (end_date is null or end_date > start_date),
      check (next_period_start >= start_date),
      check (basis <> 'flat' or quantity = 1),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete set null (billing_site_id)
    );
    create index billing_subscriptions_list on billing_subscriptions (tenant_id, created_at, id);
    create index billing_subscriptions_account on billing_subscriptions (tenant_id, account_id, created_at);
    create index billing_subscriptions_due on billing_subscriptions (next_period_start, tenant_id) where active;

    create table billing_subscription_periods (
      tenant_id uuid not null references tenants(id) on delete cascade,
      subscription_id uuid not null,
      period_start date not null,
      period_end date not null,
      invoice_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, subscription_id, period_start),
      check (period_end >= period_start),
      foreign key (tenant_id, subscription_id) references billing_subscriptions(tenant_id, id) on delete restrict,
      foreign key (tenant_id, invoice_id) references billing_invoices(tenant_id, id) on delete restrict
    );
    create unique index billing_subscription_periods_invoice on billing_subscription_periods (tenant_id, invoice_id);

    create or replace function billing_subscription_tenants_due(p_as_of date) returns setof uuid
      language sql stable security definer set search_path = public as $f$
        select distinct s.tenant_id from billing_subscriptions s
        where s.active and s.next_period_start <= p_as_of and (s.end_date is null or s.next_period_start < s.end_date)
        order by s.tenant_id
      $f$;
    revoke all on function billing_subscription_tenants_due(date) from public;
    grant execute on function billing_subscription_tenants_due(date) to relais_app;
  `);
  await tenantOwned(knex, 'billing_subscriptions');
  // A period invoiced stays invoiced: the ledger of periods is written once.
  await tenantOwned(knex, 'billing_subscription_periods', 'select, insert');
  await knex.raw('create trigger billing_subscriptions_touch before update on billing_subscriptions for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists billing_subscription_tenants_due(date);
    drop table if exists billing_subscription_periods, billing_subscriptions cascade;
  `);
}
