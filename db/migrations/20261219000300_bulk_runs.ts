import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The durable bulk actions (issue 17, spec 002 §5.4, docs/adr/0043-durable-bulk-actions.md), core and
 * vertical-free: a module declares its bulk actions, the core runs them.
 * - `bulk_runs`: one run of one declared action (`telecom.change-plan`) with its parameters (ids only),
 *   its status, its counters (kept in the item's own transaction, so always exact) and its workflow;
 * - `bulk_run_items`: the run's records in order, each with its outcome (pending, done, refused with the
 *   reason in French and English, failed after the retries with the last technical reason, cancelled).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table bulk_runs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      action text not null,
      params jsonb not null default '{}',
      status text not null default 'running' check (status in ('running', 'cancelling', 'cancelled', 'completed')),
      total integer not null default 0 check (total >= 0),
      done integer not null default 0,
      refused integer not null default 0,
      failed integer not null default 0,
      cancelled integer not null default 0,
      workflow_id text not null,
      attempt integer not null default 1,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (tenant_id, id)
    );
    create index bulk_runs_recent on bulk_runs (tenant_id, created_at desc);

    create table bulk_run_items (
      tenant_id uuid not null references tenants(id) on delete cascade,
      run_id uuid not null,
      position integer not null check (position > 0),
      item_id uuid not null,
      outcome text not null default 'pending' check (outcome in ('pending', 'done', 'refused', 'failed', 'cancelled')),
      reason jsonb,
      attempts integer not null default 0,
      updated_at timestamptz,
      primary key (tenant_id, run_id, position),
      unique (tenant_id, run_id, item_id),
      foreign key (tenant_id, run_id) references bulk_runs(tenant_id, id) on delete cascade
    );
    create index bulk_run_items_outcome on bulk_run_items (tenant_id, run_id, outcome, position);
  `);
  for (const table of ['bulk_runs', 'bulk_run_items']) await tenantOwned(knex, table);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists bulk_run_items, bulk_runs');
}
