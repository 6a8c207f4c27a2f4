import type { Knex } from 'knex';

/**
 * The ticket list's SLA order (issue 14: « breached tickets first, then least time left »): the
 * ticket's next SLA deadline, kept by the database from the deadlines the SLA process writes —
 * the response deadline while nobody answered, else the resolution deadline; none once resolved
 * or closed, nor while the clock is paused (the process clears the deadlines then). A breached
 * ticket's deadline is in the past, so ordering by it puts breaches first. `sla_sort_at` is the
 * same with a far date for tickets without a deadline, so the keyset cursor never meets a null.
 */
const DUE = `case when status in ('resolved', 'closed') then null
  when first_response_at is null then least(response_due_at, resolution_due_at)
  else resolution_due_at end`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table psa_tickets
      add column sla_due_at timestamptz generated always as (${DUE}) stored,
      add column sla_sort_at timestamptz generated always as (coalesce(${DUE}, '9999-12-31 00:00:00+00')) stored;
    create index psa_tickets_sla on psa_tickets (tenant_id, sla_sort_at, id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table psa_tickets drop column sla_sort_at, drop column sla_due_at');
}
