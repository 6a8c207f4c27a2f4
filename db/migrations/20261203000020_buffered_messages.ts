import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Messages published before any instance waits for them (Camunda 8's message
 * time to live): kept per tenant, name and correlation key until they expire;
 * the first catch event that subscribes to that name and key consumes the
 * oldest one still alive.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table buffered_messages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      correlation_key text not null,
      variables jsonb not null default '{}'::jsonb,
      received_by uuid,
      received_at timestamptz not null default now(),
      expires_at timestamptz not null,
      consumed_at timestamptz,
      consumed_by_workflow_id text,
      consumed_by_element_id text,
      check (expires_at > received_at),
      check ((consumed_at is null) = (consumed_by_workflow_id is null))
    );
    -- the subscriber's lookup: oldest waiting message of a name and key
    create index buffered_messages_waiting on buffered_messages (tenant_id, name, correlation_key, received_at) where consumed_at is null;
    create index buffered_messages_list on buffered_messages (tenant_id, received_at desc);
  `);
  await tenantOwned(knex, 'buffered_messages');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists buffered_messages');
}
