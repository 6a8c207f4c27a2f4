import type { Knex } from 'knex';
import { db } from './connection';

export interface TenantScope {
  tenantId: string;
  userId?: string | null;
}

/**
 * Runs `fn` in a transaction whose row-level security context is the given
 * tenant (and user). Settings are transaction-local, so a pooled connection
 * never carries one tenant's context into another request.
 */
export async function withTenant<T>(scope: TenantScope, fn: (trx: Knex.Transaction) => Promise<T>, knex: Knex = db()): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw("select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)", [
      scope.tenantId,
      scope.userId ?? '',
    ]);
    return fn(trx);
  });
}

/** The organisations that enabled a vertical (ids only; a security-definer function, since each tenant sees only itself). */
export async function tenantsWithVertical(vertical: string, knex: Knex = db()): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from tenants_with_vertical(?) as id', [vertical]);
  return rows.map((r) => r.id);
}
