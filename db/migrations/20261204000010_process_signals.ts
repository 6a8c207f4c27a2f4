import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * BPMN signals, broadcast within a tenant (not correlated, not buffered):
 * signal_subscriptions lists the catch events waiting for a signal name now
 * (intermediate catch, boundary, event sub-process start); signal_broadcasts
 * records each broadcast under its idempotency key, so a retried broadcast
 * (an activity retry, a repeated request) delivers nothing twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table signal_subscriptions (
      tenant_id uuid not null references tenants(id) on delete cascade,
      workflow_id text not null,
      element_id text not null,
      signal_name text not null,
      created_at timestamptz not null default now(),
      primary key (workflow_id, element_id)
    );
    create index signal_subscriptions_lookup on signal_subscriptions (tenant_id, signal_name);

    create table signal_broadcasts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      idempotency_key text not null,
      signal_name text not null,
      delivered integer not null default 0 check (delivered >= 0),
      started integer not null default 0 check (started >= 0),
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (tenant_id, idempotency_key)
    );
    create index signal_broadcasts_list on signal_broadcasts (tenant_id, created_at desc);
  `);
  await tenantOwned(knex, 'signal_subscriptions');
  await tenantOwned(knex, 'signal_broadcasts');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists signal_broadcasts; drop table if exists signal_subscriptions');
}
