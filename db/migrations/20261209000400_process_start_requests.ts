import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Process starts asked for while the engine is away: the demo seed runs before Temporal is up, and
 * asks here for the instances a newcomer should find (the core's account onboarding at different
 * steps). When the API starts, each request not yet served starts its instance (business key, variables)
 * and is marked served in the same transaction, once whatever the number of restarts or replicas.
 * tenants_with_process_start_requests() answers which organisations have some, ids only, for the API's
 * role, which cannot see across tenants; each one's requests are then read under its own scope.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table process_start_requests (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      process_key text not null,
      business_key text not null,
      variables jsonb not null default '{}',
      requested_at timestamptz not null default now(),
      started_at timestamptz,
      unique (tenant_id, process_key, business_key)
    );
    create index process_start_requests_waiting on process_start_requests (tenant_id) where started_at is null;

    create or replace function tenants_with_process_start_requests() returns setof uuid
      language sql stable security definer set search_path = public as $f$
        select distinct tenant_id from process_start_requests where started_at is null order by tenant_id
      $f$;
    revoke all on function tenants_with_process_start_requests() from public;
    grant execute on function tenants_with_process_start_requests() to relais_app;
  `);
  await tenantOwned(knex, 'process_start_requests');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists tenants_with_process_start_requests(); drop table if exists process_start_requests');
}
