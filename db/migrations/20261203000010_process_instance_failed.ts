import type { Knex } from 'knex';

/**
 * An instance whose Temporal workflow failed, timed out or was terminated
 * shows `failed` with the reason (and when), instead of running forever in
 * the lists. An operator retries it (reset) or cancels it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table process_instances drop constraint process_instances_status_check;
    alter table process_instances add constraint process_instances_status_check
      check (status in ('running','incident','completed','cancelled','failed'));
    alter table process_instances add column failure_reason text;
    alter table process_instances add column failed_at timestamptz;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    update process_instances set status = 'cancelled', cancel_reason = coalesce(failure_reason, 'failed') where status = 'failed';
    alter table process_instances drop column if exists failed_at;
    alter table process_instances drop column if exists failure_reason;
    alter table process_instances drop constraint process_instances_status_check;
    alter table process_instances add constraint process_instances_status_check
      check (status in ('running','incident','completed','cancelled'));
  `);
}
