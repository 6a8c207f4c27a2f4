import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * BPMN process definitions per tenant (DESIGN §5): each deploy stores the XML
 * and its compiled plan as the next version of its key; running instances
 * keep theirs. A key also has at most one draft (version null, no plan): the
 * modeler's latest save, replaced on each save and removed by a deploy.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table process_definitions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null check (key ~ '^[A-Za-z][A-Za-z0-9._-]{0,99}$'),
      version integer check (version >= 1),
      status text not null check (status in ('draft','deployed')),
      name text,
      xml text not null,
      plan jsonb,
      deployed_by uuid,
      deployed_at timestamptz,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (
        (status = 'draft' and version is null and plan is null and deployed_at is null)
        or (status = 'deployed' and version is not null and plan is not null and deployed_at is not null)
      ),
      -- drafts have no version: nulls never collide here
      unique (tenant_id, key, version)
    );
    create unique index process_definitions_one_draft on process_definitions (tenant_id, key) where status = 'draft';
    create index process_definitions_key on process_definitions (tenant_id, key, version desc);
  `);
  await tenantOwned(knex, 'process_definitions');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists process_definitions');
}
