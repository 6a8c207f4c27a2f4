import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The telecom vertical's operator and billing-system ports (issue 17, docs/adr/0042-telecom-ports.md).
 *
 * `integration_connections`: per organisation, which adapter serves an operator or a billing system, where
 * (base_url), with what credentials (`credentials_sealed`, a JSON object sealed by the secret box, bound to
 * the tenant and the connection; never answered) and the secret that signs its webhooks
 * (`webhook_secret_sealed`). No row: the sandbox serves it.
 *
 * `telecom_operator_orders`: every order placed through the operator port, so that its completion (webhook
 * or polling) is told to the engine once (`notified_at`).
 *
 * `telecom_sandbox_*`: the sandbox operator's and billing system's own state (its lines, SIMs, orders,
 * price list, services), in PostgreSQL so that the API and the worker share it and it survives restarts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table integration_connections (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      kind text not null check (kind in ('operator', 'billing-system')),
      key text not null check (key ~ '^[a-z][a-z0-9-]{1,39}$'),
      adapter text not null check (adapter ~ '^[a-z][a-z0-9-]{1,39}$'),
      label text not null,
      base_url text,
      credentials_sealed text,
      webhook_secret_sealed text,
      settings jsonb not null default '{}',
      active boolean not null default true,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, kind, key)
    );

    create table telecom_operator_orders (
      tenant_id uuid not null references tenants(id) on delete cascade,
      operator_key text not null,
      order_id text not null,
      reference text not null,
      kind text not null,
      status text not null check (status in ('pending', 'completed', 'refused')),
      operator_line_id text,
      placed_at timestamptz not null default now(),
      completed_at timestamptz,
      last_polled_at timestamptz,
      notified_at timestamptz,
      primary key (tenant_id, operator_key, order_id)
    );
    create index telecom_operator_orders_pending on telecom_operator_orders (tenant_id, placed_at) where notified_at is null;

    create table telecom_sandbox_products (
      tenant_id uuid not null references tenants(id) on delete cascade,
      operator_key text not null,
      code text not null,
      kind text not null default 'plan' check (kind in ('plan', 'option')),
      label text not null,
      monthly_cents integer not null check (monthly_cents >= 0),
      primary key (tenant_id, operator_key, code)
    );

    create table telecom_sandbox_lines (
      tenant_id uuid not null references tenants(id) on delete cascade,
      operator_key text not null,
      id text not null,
      number text,
      iccid text,
      product_code text not null,
      option_codes text[] not null default '{}',
      status text not null check (status in ('active', 'suspended', 'terminated')),
      activated_on date not null,
      terminated_on date,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, operator_key, id)
    );
    create unique index telecom_sandbox_lines_number on telecom_sandbox_lines (tenant_id, operator_key, number) where status <> 'terminated';

    create table telecom_sandbox_orders (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      operator_key text not null,
      reference text not null,
      kind text not null,
      input jsonb not null,
      status text not null check (status in ('pending', 'completed', 'refused')),
      operator_line_id text,
      number text,
      iccids text[] not null default '{}',
      reason_fr text,
      reason_en text,
      due_at timestamptz not null,
      placed_at timestamptz not null default now(),
      completed_at timestamptz,
      unique (tenant_id, operator_key, reference)
    );

    create table telecom_sandbox_sims (
      tenant_id uuid not null references tenants(id) on delete cascade,
      operator_key text not null,
      iccid text not null,
      order_id uuid not null,
      line_id text,
      status text not null check (status in ('shipped', 'delivered')),
      primary key (tenant_id, operator_key, iccid)
    );

    create table telecom_sandbox_billing_services (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      system_key text not null,
      parent_id uuid,
      kind text not null check (kind in ('subscription', 'option', 'hardware', 'one-off')),
      customer_ref text not null,
      product_code text,
      label text not null,
      amount_cents integer not null,
      quantity integer not null default 1,
      status text not null check (status in ('active', 'cancelled', 'recorded')),
      started_on date not null,
      cancelled_on date,
      line_number text,
      operator_line_id text,
      created_at timestamptz not null default now()
    );
    create index telecom_sandbox_billing_services_customer on telecom_sandbox_billing_services (tenant_id, system_key, customer_ref);

    create table telecom_sandbox_billing_requests (
      tenant_id uuid not null references tenants(id) on delete cascade,
      system_key text not null,
      reference text not null,
      result jsonb not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, system_key, reference)
    );
  `);
  for (const table of ['integration_connections', 'telecom_operator_orders', 'telecom_sandbox_products', 'telecom_sandbox_lines', 'telecom_sandbox_orders',
    'telecom_sandbox_sims', 'telecom_sandbox_billing_services', 'telecom_sandbox_billing_requests']) await tenantOwned(knex, table);
  await knex.raw('create trigger integration_connections_touch before update on integration_connections for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop table if exists telecom_sandbox_billing_requests, telecom_sandbox_billing_services, telecom_sandbox_sims, telecom_sandbox_orders,
    telecom_sandbox_lines, telecom_sandbox_products, telecom_operator_orders, integration_connections cascade`);
}
