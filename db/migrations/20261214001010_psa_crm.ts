import type { Knex } from 'knex';

/**
 * The CRM and pipeline's additions to the MSP records (issue 14, helper 1): the NAF code the company
 * lookup fills on an account (spec 003 §2.1), and what contract a won opportunity opens (its type and,
 * for an hour bank, the pack it sold).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table accounts add column naf_code text check (naf_code ~ '^[0-9]{2}\\.[0-9]{2}[A-Z]$');
    alter table psa_opportunities
      add column contract_type text check (contract_type in ('hour-bank', 'subscription', 'time-and-material')),
      add column contract_pack_minutes integer check (contract_pack_minutes is null or contract_pack_minutes > 0);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table psa_opportunities drop column if exists contract_type, drop column if exists contract_pack_minutes;
    alter table accounts drop column if exists naf_code;
  `);
}
