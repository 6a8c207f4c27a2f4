import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Access tokens ended by a logout before their expiry (ADR 0008). One row per
 * token id (`jti`), kept until the token would have expired anyway; the
 * principal query of every request checks it by primary key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table revoked_access_tokens (
      jti uuid primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      expires_at timestamptz not null
    );
    create index revoked_access_tokens_expiry on revoked_access_tokens (tenant_id, expires_at);
  `);
  await tenantOwned(knex, 'revoked_access_tokens', 'select, insert, delete');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists revoked_access_tokens');
}
