import type { Knex } from 'knex';

/**
 * A retired process key starts no new instance (API, message and timer
 * starts, call activities); its running instances continue. Retirement is
 * stamped on every version of the key, so the latest deployed row says it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table process_definitions add column retired_at timestamptz;
    alter table process_definitions add column retired_by uuid;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table process_definitions drop column if exists retired_by;
    alter table process_definitions drop column if exists retired_at;
  `);
}
