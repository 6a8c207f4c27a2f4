import type { Knex } from 'knex';

/**
 * The documents' replication to the second site (issue 15, ADR 0031): one row per replica
 * location, written by the worker after each run (what the replica holds, what is pending, how
 * old the oldest pending change is, the last error). Platform-wide like `backups` (no tenant_id,
 * no row-level security: file counts, sizes and times, nothing of a person). The application role
 * reads it for the health details and `GET /api/v1/backups`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table documents_replication (
      location text primary key,
      last_run_at timestamptz,
      last_success_at timestamptz,
      files integer not null default 0,
      bytes bigint not null default 0,
      pending_files integer not null default 0,
      pending_bytes bigint not null default 0,
      -- the oldest change of the primary not yet on the replica (null when caught up)
      oldest_pending_at timestamptz,
      error text
    );
    grant select on documents_replication to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists documents_replication;');
}
