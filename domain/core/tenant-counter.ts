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

/** Keeps a per-tenant counter at or above a number written explicitly, so the next number given out is new. */
export async function keepCounterAhead(trx: Knex.Transaction, tenantId: string, name: string, value: number): Promise<void> {
  await trx.raw(
    `insert into tenant_counters (tenant_id, name, value) values (?, ?, ?)
     on conflict (tenant_id, name) do update set value = greatest(tenant_counters.value, excluded.value)`,
    [tenantId, name, value],
  );
}

/**
 * Reserves `count` consecutive numbers at once (an import's new records), past both the counter and `floor` (the
 * highest number already written): returns the first. The row lock holds concurrent creations until the caller
 * commits, so they take the numbers after the block.
 */
export async function reserveNumbers(trx: Knex.Transaction, tenantId: string, name: string, count: number, floor = 0): Promise<number> {
  const result = await trx.raw(
    `insert into tenant_counters (tenant_id, name, value) values (?, ?, ?::int + ?::int)
     on conflict (tenant_id, name) do update set value = greatest(tenant_counters.value, ?::int) + ?::int
     returning value`,
    [tenantId, name, floor, count, floor, count],
  );
  return (result.rows[0].value as number) - count + 1;
}

/**
 * The number of a new record: the one given (a legacy number an import keeps,
 * the counter then moved past it), or the next one.
 */
export async function numberFor(trx: Knex.Transaction, tenantId: string, name: string, given?: number): Promise<number> {
  if (given === undefined) return nextNumber(trx, tenantId, name);
  await keepCounterAhead(trx, tenantId, name, given);
  return given;
}
