import type { Knex } from 'knex';

/**
 * Why an incident opened, as a catalogue code and its parameters (kernel/process/feel.ts
 * FeelReason), so that the monitor shows it in the reader's language
 * (docs/adr/0010-server-messages.md); `message` keeps the text for logs and older incidents.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table process_incidents add column reason jsonb check (reason is null or jsonb_typeof(reason) = 'object')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table process_incidents drop column reason');
}
