import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Per-tenant keys of the Temporal payload codec (DESIGN §5): each tenant's
 * process data is encrypted in Temporal with its own AES-256 key, stored here
 * sealed by RELAIS_SECRET_KEY. Keys are never updated or deleted by the
 * application: a new key is added and later payloads use it, older payloads
 * name the key that opens them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table payload_keys (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      sealed_key text not null,
      created_at timestamptz not null default now()
    );
    create index payload_keys_tenant on payload_keys (tenant_id, created_at desc);
  `);
  await tenantOwned(knex, 'payload_keys', 'select, insert');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists payload_keys');
}
