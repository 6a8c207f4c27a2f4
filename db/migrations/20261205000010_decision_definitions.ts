import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * DMN decisions per tenant. Each deploy of a DMN file stores the file as the
 * next version of its decision requirements graph (the <definitions> id, the
 * key) and one row per decision with its compiled plan (required decisions
 * embedded). A decision has the version of the file it came with; a decision
 * id belongs to one key, so "the latest version of a decision" is one row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table decision_requirements (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null check (key ~ '^[A-Za-z_][A-Za-z0-9._-]{0,99}$'),
      version integer not null check (version >= 1),
      name text,
      xml text not null,
      deployed_by uuid,
      deployed_at timestamptz not null default now(),
      unique (tenant_id, key, version)
    );

    create table decision_definitions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      requirements_id uuid not null references decision_requirements(id) on delete cascade,
      requirements_key text not null,
      decision_id text not null check (decision_id ~ '^[A-Za-z_][A-Za-z0-9._-]{0,99}$'),
      version integer not null check (version >= 1),
      name text,
      plan jsonb not null,
      deployed_at timestamptz not null default now(),
      -- also the index that finds a decision's latest version
      unique (tenant_id, decision_id, version)
    );
    create index decision_definitions_requirements on decision_definitions (requirements_id);
  `);
  await tenantOwned(knex, 'decision_requirements');
  await tenantOwned(knex, 'decision_definitions');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists decision_definitions; drop table if exists decision_requirements');
}
