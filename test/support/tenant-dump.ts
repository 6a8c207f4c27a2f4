import type { Knex } from 'knex';

/**
 * Every row of every table of an organisation, as text (row_to_json over information_schema's tables that have a
 * `tenant_id`): the erasure proofs search it for a person's values (issue 15, docs/adr/0027-erasure.md).
 */
export async function tenantDump(admin: Knex, tenantId: string): Promise<string> {
  const tables = (await admin.raw<{ rows: Array<{ table_name: string }> }>(
    `select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
     where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' order by 1`)).rows.map((r) => r.table_name);
  const parts: string[] = [];
  for (const table of tables) {
    // In a stable order (PostgreSQL returns a table's rows in any order; an update moves a row): two dumps compare line by line.
    const { rows } = await admin.raw<{ rows: Array<{ j: string }> }>(`select row_to_json(x)::text as j from "${table}" x where tenant_id = ? order by 1`, [tenantId]);
    parts.push(...rows.map((r) => `${table} ${r.j}`));
  }
  return parts.join('\n');
}
