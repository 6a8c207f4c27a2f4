import type { Knex } from 'knex';

/**
 * Backups (issue 15, ADR 0020): the platform's catalogue of backup sets and of restore drills.
 * Platform-wide, not a tenant's (no tenant_id, no row-level security): a backup holds every
 * organisation. The worker writes them with the owner connection; the application role reads
 * them (`GET /api/v1/backups`, for the administrators holding backup.backup.read). Nothing here
 * is personal data: names, sizes, locations, counts and outcomes. The sets themselves are in the
 * backup stores; their manifests can rebuild this catalogue (a restore does).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table backups (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      size_bytes bigint,
      -- where copies are: [{ "location": "dir:/srv/backups" }, …]
      locations jsonb not null default '[]',
      -- the manifest as written with the set (tables, row counts, checksums, files)
      manifest jsonb,
      error text,
      -- set when the rotation removed the set from every store
      removed_at timestamptz
    );
    create index backups_started_at on backups (started_at desc);

    create table backup_drills (
      id uuid primary key default gen_random_uuid(),
      backup_name text,
      trigger text not null check (trigger in ('schedule', 'manual')),
      -- the user who asked (manual), any organisation's: no foreign key (a drill outlives an account)
      requested_by uuid,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      outcome text not null default 'running' check (outcome in ('running', 'pass', 'fail')),
      reason text,
      details jsonb not null default '{}'
    );
    create index backup_drills_started_at on backup_drills (started_at desc);

    grant select on backups, backup_drills to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists backup_drills; drop table if exists backups;');
}
