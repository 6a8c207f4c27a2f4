import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The student registry's import (spec 004 « Tableau de migration », issue 18, docs/adr/0050-school-import.md):
 *
 * - `school_import_mappings`: which column header each field is read from, saved by name and versioned: saving
 *   a mapping adds a version, never changes one; a run names the version it used. The default mapping (the
 *   specification's own headers) is version 1 of « Référentiel ACME ».
 * - `school_import_runs`: each import (an upload, the daily schedule, the CLI): the file's name and sha256, dry run
 *   or not, its counts and its report row by row — the NIRs masked, never in clear — the mapping used, and how it
 *   ended. The schedule's runs carry their day, one per day (a retry takes the same run).
 * - `school_import_settings`: the daily drop folder: its path, the registry's owner who receives the report, on/off,
 *   the hour (Paris).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table school_import_mappings (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null check (length(name) between 1 and 80),
      version integer not null check (version >= 1),
      columns jsonb not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      unique (tenant_id, id),
      unique (tenant_id, name, version)
    );
    create table school_import_runs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      source text not null check (source in ('upload', 'schedule', 'cli')),
      file_name text check (length(file_name) <= 255),
      file_sha256 text check (file_sha256 ~ '^[0-9a-f]{64}$'),
      dry_run boolean not null default false,
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      total integer not null default 0,
      created integer not null default 0,
      updated integer not null default 0,
      unchanged integer not null default 0,
      rejected integer not null default 0,
      report jsonb,
      mapping_id uuid,
      mapping_version integer,
      error_code text check (length(error_code) <= 80),
      run_day date,
      attempts integer not null default 1,
      created_by uuid,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (tenant_id, id),
      foreign key (tenant_id, mapping_id) references school_import_mappings(tenant_id, id) on delete set null (mapping_id)
    );
    create index school_import_runs_recent on school_import_runs (tenant_id, started_at desc);
    create unique index school_import_runs_day on school_import_runs (tenant_id, run_day) where source = 'schedule';
    create index school_import_runs_sha on school_import_runs (tenant_id, file_sha256) where not dry_run and status = 'done';
    create table school_import_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      drop_folder text check (length(drop_folder) <= 500),
      owner_user_id uuid,
      mapping_name text check (length(mapping_name) <= 80),
      enabled boolean not null default false,
      hour integer not null default 6 check (hour between 0 and 23),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      foreign key (tenant_id, owner_user_id) references users(tenant_id, id) on delete set null (owner_user_id)
    );
  `);
  for (const table of ['school_import_mappings', 'school_import_runs', 'school_import_settings']) await tenantOwned(knex, table);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists school_import_settings, school_import_runs, school_import_mappings cascade');
}
