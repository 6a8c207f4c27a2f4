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
 * The transaction takes the user's database role (ADR 0054): `relais_narrowed`
 * for a user whose reads a module narrows below the tenant (a telecom partner
 * bound to brands), `relais_app` for everyone else, so the policies written for
 * narrowed sessions are not even planned into staff's statements. Given another
 * connection (seeds and scripts pass the owner's), the transaction takes that
 * role too, so it still runs under row-level security and domain code called
 * from a seed sees one tenant exactly as it does in a request.
 */
export async function withTenant<T>(scope: TenantScope, fn: (trx: Knex.Transaction) => Promise<T>, knex?: Knex): Promise<T> {
  return withTenantReading(scope, null, (trx) => fn(trx), knex);
}

/**
 * One SQL expression read in the statement that sets the context (so at no
 * extra round trip), for instance a security-definer function's answer. It
 * must not depend on the settings made in the same statement.
 */
export interface AlsoRead {
  sql: string;
  bindings: readonly Knex.Value[];
}

/**
 * withTenant, also answering `alsoRead`'s value (read in the same statement
 * as the settings) to `fn`.
 */
export async function withTenantReading<T>(scope: TenantScope, alsoRead: AlsoRead | null,
  fn: (trx: Knex.Transaction, value: unknown) => Promise<T>, knex?: Knex): Promise<T> {
  const pool = knex ?? db();
  const sql = "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true), " +
    "set_config('role', app_session_role(?::uuid), true)" + (alsoRead ? `, ${alsoRead.sql} as also_read` : '');
  // Sent with the transaction's BEGIN, in one round trip (db/pg-client.ts): its values are written in by knex.
  const userId = scope.userId || null;
  const beginWith = pool.raw(sql, [scope.tenantId, userId ?? '', userId, ...(alsoRead?.bindings ?? [])]).toQuery();
  let value: unknown;
  const onBegin = (rows: Array<Record<string, unknown>>) => { value = rows[0]?.also_read; };
  return pool.transaction(async (trx) => fn(trx, value), { beginWith, onBegin } as Knex.TransactionConfig);
}

/** The organisations that enabled a vertical (ids only; a security-definer function, since each tenant sees only itself). */
export async function tenantsWithVertical(vertical: string, knex: Knex = db()): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from tenants_with_vertical(?) as id', [vertical]);
  return rows.map((r) => r.id);
}
