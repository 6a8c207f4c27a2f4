import type { Knex } from 'knex';

/**
 * Next value of a per-tenant human number (account, contract, ticket…).
 * The row lock makes concurrent creations wait, so numbers have no gaps or
 * duplicates, and a rolled-back transaction gives its number back.
 */
export async function nextNumber(trx: Knex.Transaction, tenantId: string, name: string): Promise<number> {
  const result = await trx.raw(
    `insert into tenant_counters (tenant_id, name, value) values (?, ?, 1)
     on conflict (tenant_id, name) do update set value = tenant_counters.value + 1
     returning value`,
    [tenantId, name],
  );
  return result.rows[0].value as number;
}
