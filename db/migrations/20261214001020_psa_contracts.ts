import type { Knex } from 'knex';

/**
 * Contracts and hour banks (issue 14, helper 2): when an approved time entry's deduction stands.
 * `deductApprovedTime` (domain/psa/hour-ledger.ts) sets it, with the contract and the minutes
 * covered and billed; `reverseTimeEntry` clears it. It makes the deduction idempotent per entry,
 * including entries that moved no minute (an empty bank, a non-billable entry).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table psa_time_entries add column deducted_at timestamptz;
    create index psa_hour_movements_entry on psa_hour_movements (tenant_id, time_entry_id) where time_entry_id is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists psa_hour_movements_entry;
    alter table psa_time_entries drop column if exists deducted_at;
  `);
}
