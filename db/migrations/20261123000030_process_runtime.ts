import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Projections of running processes for lists and the task list. Temporal stays
 * the truth; these rows are written by the engine's activities.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table process_instances (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      workflow_id text not null unique,
      process_key text not null,
      version integer not null,
      business_key text not null,
      status text not null default 'running' check (status in ('running','incident','completed','cancelled')),
      started_by uuid,
      started_at timestamptz not null default now(),
      ended_at timestamptz,
      cancel_reason text,
      updated_at timestamptz not null default now()
    );
    create index process_instances_list on process_instances (tenant_id, process_key, status, started_at desc);
    create index process_instances_business on process_instances (tenant_id, business_key);

    create table tasks (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      instance_id uuid not null references process_instances(id) on delete cascade,
      workflow_id text not null,
      process_key text not null,
      business_key text not null,
      element_id text not null,
      -- element, loop counter and visit: opening the same task twice (a retried activity) finds this row
      task_key text not null,
      name text,
      form_key text,
      inline_form jsonb,
      candidate_roles text[] not null default '{}',
      candidate_users text[] not null default '{}',
      assignee uuid,
      due_at timestamptz,
      priority integer not null default 50 check (priority between 0 and 100),
      status text not null default 'open' check (status in ('open','completed','cancelled')),
      data jsonb,
      created_at timestamptz not null default now(),
      claimed_at timestamptz,
      completed_at timestamptz,
      completed_by uuid,
      version integer not null default 1,
      unique (workflow_id, task_key)
    );
    create index tasks_open on tasks (tenant_id, status, due_at, priority desc);
    create index tasks_assignee on tasks (tenant_id, assignee, status);
    create index tasks_roles on tasks using gin (candidate_roles);

    create table process_incidents (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      instance_id uuid not null references process_instances(id) on delete cascade,
      workflow_id text not null,
      element_id text not null,
      incident_key text not null,
      message text not null,
      status text not null default 'open' check (status in ('open','resolved')),
      resolution text check (resolution in ('retry','skip')),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolved_by uuid,
      unique (workflow_id, incident_key)
    );
    create index process_incidents_open on process_incidents (tenant_id, status);

    create table message_subscriptions (
      tenant_id uuid not null references tenants(id) on delete cascade,
      workflow_id text not null,
      element_id text not null,
      message_name text not null,
      correlation_key text not null,
      created_at timestamptz not null default now(),
      primary key (workflow_id, element_id)
    );
    create index message_subscriptions_lookup on message_subscriptions (tenant_id, message_name, correlation_key);

    -- Messages that reached no waiting instance are kept, never dropped silently.
    create table unmatched_messages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      correlation_key text not null,
      variables jsonb not null default '{}'::jsonb,
      received_by uuid,
      received_at timestamptz not null default now()
    );

    -- Side effects of the system.record activity, once per idempotency key.
    create table process_journal (
      tenant_id uuid not null references tenants(id) on delete cascade,
      idempotency_key text not null,
      workflow_id text not null,
      element_id text not null,
      label text not null,
      data jsonb,
      created_at timestamptz not null default now(),
      primary key (tenant_id, idempotency_key)
    );
  `);
  for (const table of ['process_instances', 'tasks', 'process_incidents', 'message_subscriptions', 'unmatched_messages', 'process_journal']) {
    await tenantOwned(knex, table);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists process_journal, unmatched_messages, message_subscriptions, process_incidents, tasks, process_instances cascade');
}
