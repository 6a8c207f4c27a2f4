import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

const KEY = `'^[a-z0-9][a-z0-9-]{0,39}$'`;
const PERIOD = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;

/**
 * SoftWhere's billing control V1 (spec 002 §7, issue 17, docs/adr/0045-telecom-billing-control.md):
 *
 * - `telecom_supplier_invoices`: an operator's invoice (or CDR summary) for a month, imported from the
 *   CSV it sends or read through its port; one per (operator, period, reference): importing it again
 *   replaces its lines.
 * - `telecom_supplier_invoice_lines`: its rows as read (the line's number or the operator's line id,
 *   the product code, the month, the amount excluding tax).
 * - `telecom_control_runs`: each run of the two controls over a period (nightly by the schedule, or asked
 *   for), with what it found.
 * - `telecom_anomalies`: one per (kind, line, subject): running a period again updates it, never
 *   duplicates it. Status open → fixing → resolved, or dismissed; the fix names the deployment or task
 *   it started, the resolution the money recovered.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table telecom_supplier_invoices (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      operator_key text not null check (operator_key ~ ${KEY}),
      period text not null check (period ~ ${PERIOD}),
      reference text not null check (length(reference) between 1 and 120),
      source text not null check (source in ('csv', 'operator-port')),
      file_name text check (length(file_name) <= 200),
      row_count integer not null default 0 check (row_count >= 0),
      total_cents bigint not null default 0,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, operator_key, period, reference)
    );
    create index telecom_supplier_invoices_period on telecom_supplier_invoices (tenant_id, period, created_at desc, id);

    create table telecom_supplier_invoice_lines (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      invoice_id uuid not null,
      row_number integer not null check (row_number >= 1),
      number text check (length(number) <= 40),
      operator_line_id text check (length(operator_line_id) <= 120),
      product_code text not null check (length(product_code) between 1 and 100),
      period text not null check (period ~ ${PERIOD}),
      amount_cents bigint not null check (amount_cents between -100000000 and 100000000),
      created_at timestamptz not null default now(),
      unique (tenant_id, invoice_id, row_number),
      check (number is not null or operator_line_id is not null),
      foreign key (tenant_id, invoice_id) references telecom_supplier_invoices(tenant_id, id) on delete cascade
    );
    create index telecom_supplier_invoice_lines_period on telecom_supplier_invoice_lines (tenant_id, period);

    create table telecom_control_runs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      period text not null check (period ~ ${PERIOD}),
      trigger text not null check (trigger in ('schedule', 'manual', 'demo')),
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      billing_systems_checked integer not null default 0,
      invoice_rows_checked integer not null default 0,
      found integer not null default 0,
      opened integer not null default 0,
      resolved integer not null default 0,
      error text check (length(error) <= 500),
      finished_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id)
    );
    create index telecom_control_runs_period on telecom_control_runs (tenant_id, period, created_at desc);

    create table telecom_anomalies (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      kind text not null check (kind in ('terminated-still-billed', 'purchase-price-gap')),
      line_id uuid not null,
      account_id uuid not null,
      operator_key text not null check (operator_key ~ ${KEY}),
      source text not null check (source in ('billing-system', 'operator-invoice')),
      subject_key text not null check (length(subject_key) between 1 and 120),
      product_code text check (length(product_code) <= 100),
      billed_cents bigint not null,
      expected_cents bigint,
      monthly_loss_cents bigint not null check (monthly_loss_cents >= 0),
      since date not null,
      first_period text not null check (first_period ~ ${PERIOD}),
      last_seen_period text not null check (last_seen_period ~ ${PERIOD}),
      status text not null default 'open' check (status in ('open', 'fixing', 'resolved', 'dismissed')),
      fix_action text check (fix_action in ('terminate-billing', 'dispute', 'update-catalogue')),
      fix_deployment_id uuid,
      fix_task_id uuid,
      fix_started_at timestamptz,
      fix_started_by uuid,
      resolved_at timestamptz,
      resolved_by uuid,
      recovered_cents bigint not null default 0 check (recovered_cents >= 0),
      resolution_note text check (length(resolution_note) <= 2000),
      last_run_id uuid,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, kind, line_id, subject_key),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade
    );
    create index telecom_anomalies_list on telecom_anomalies (tenant_id, created_at desc, id desc);
    create index telecom_anomalies_status on telecom_anomalies (tenant_id, status, kind);
    create index telecom_anomalies_account on telecom_anomalies (tenant_id, account_id);
    create index telecom_anomalies_line on telecom_anomalies (tenant_id, line_id);
  `);
  for (const table of ['telecom_supplier_invoices', 'telecom_supplier_invoice_lines', 'telecom_control_runs', 'telecom_anomalies']) {
    await tenantOwned(knex, table);
  }
  for (const table of ['telecom_supplier_invoices', 'telecom_control_runs', 'telecom_anomalies']) {
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists telecom_anomalies, telecom_control_runs, telecom_supplier_invoice_lines, telecom_supplier_invoices cascade');
}
