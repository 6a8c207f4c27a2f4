import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * What an instance did, kept after it ends (Camunda Operate's instance
 * history): one row per execution of an element, written by the engine when a
 * run continues as new or finishes, and the instance's final variables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table process_element_instances (
      tenant_id uuid not null references tenants(id) on delete cascade,
      instance_id uuid not null references process_instances(id) on delete cascade,
      -- order of start within the instance, across continue-as-new runs
      seq integer not null check (seq > 0),
      element_id text not null,
      name text,
      type text not null,
      scope_id text not null,
      loop_counter integer,
      started_at timestamptz not null,
      ended_at timestamptz,
      outcome text not null check (outcome in ('active','completed','interrupted','terminated','cancelled','failed')),
      taken_flows text[] not null default '{}',
      -- also the index that reads one instance in order
      primary key (instance_id, seq)
    );

    alter table process_instances add column variables jsonb;
  `);
  await tenantOwned(knex, 'process_element_instances');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists process_element_instances;
    alter table process_instances drop column if exists variables;
  `);
}
