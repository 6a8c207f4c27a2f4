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
 *
 * Given another connection (seeds and scripts pass the owner's), the
 * transaction still runs under row-level security: when that connection's
 * role bypasses it (a superuser, or BYPASSRLS), it takes the application
 * role `relais_app` for the transaction, so domain code called from a seed
 * sees one tenant exactly as it does in a request.
 */
export async function withTenant<T>(scope: TenantScope, fn: (trx: Knex.Transaction) => Promise<T>, knex?: Knex): Promise<T> {
  return (knex ?? db()).transaction(async (trx) => {
    await trx.raw("select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)", [
      scope.tenantId,
      scope.userId ?? '',
    ]);
    if (knex) {
      await trx.raw("select set_config('role', 'relais_app', true) from pg_roles where rolname = current_user and (rolsuper or rolbypassrls)");
    }
    return fn(trx);
  });
}

/** The organisations that enabled a vertical (ids only; a security-definer function, since each tenant sees only itself). */
export async function tenantsWithVertical(vertical: string, knex: Knex = db()): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from tenants_with_vertical(?) as id', [vertical]);
  return rows.map((r) => r.id);
}
