import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The audit → report → anonymise process (issue 16, docs/adr/0039-audit-anonymisation.md):
 * - on `audit_missions`, what the process plans: the retention in days (null: the organisation's),
 *   the day the mission is anonymised (from `delivered_at`, never moved by a restore), and the one
 *   postponement a mission lead may ask for (until when, why, who, when);
 * - `audit_anonymisation_settings`: the organisation's retention after delivery (30 days) and how long
 *   the re-identification key is escrowed (3 years);
 * - `audit_anonymisation_keys`: per anonymised mission, the escrow (the key and the values it replaced,
 *   sealed by the secret box) until its day, then destroyed (null) by the process's timer;
 * - `audit_deliveries`: the report's secure download links (only the token's SHA-256, its expiry);
 * - `audit_mission_statistics`: what an anonymised mission leaves for statistics, no identity.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table audit_missions
      add column retention_days integer check (retention_days between 1 and 3650),
      add column anonymise_on date,
      add column anonymisation_postponed_until date,
      add column anonymisation_postpone_reason text,
      add column anonymisation_postponed_by uuid,
      add column anonymisation_postponed_at timestamptz;

    create table audit_anonymisation_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      retention_days integer not null default 30 check (retention_days between 1 and 3650),
      key_escrow_days integer not null default 1095 check (key_escrow_days between 1 and 7300),
      updated_at timestamptz not null default now()
    );

    create table audit_anonymisation_keys (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      mission_id uuid not null,
      escrow text,
      destroy_on date not null,
      destroyed_at timestamptz,
      created_at timestamptz not null default now(),
      unique (tenant_id, mission_id),
      foreign key (tenant_id, mission_id) references audit_missions(tenant_id, id) on delete cascade
    );

    create table audit_deliveries (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      mission_id uuid not null,
      token_sha256 text not null unique,
      recipient text,
      message_id uuid,
      expires_at timestamptz not null,
      downloads integer not null default 0,
      last_downloaded_at timestamptz,
      created_at timestamptz not null default now(),
      unique (tenant_id, mission_id),
      foreign key (tenant_id, mission_id) references audit_missions(tenant_id, id) on delete cascade
    );

    create table audit_mission_statistics (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      -- no foreign key: the statistics outlive the mission
      mission_id uuid not null,
      month date not null,
      scopes text[] not null default '{}',
      sector text,
      town text,
      department text,
      sites integer not null default 0,
      days_on_site integer not null default 0,
      findings_by_severity jsonb not null default '{}',
      checks_by_answer jsonb not null default '{}',
      inventory_items integer not null default 0,
      created_at timestamptz not null default now(),
      unique (tenant_id, mission_id)
    );
    create index audit_mission_statistics_month on audit_mission_statistics (tenant_id, month);
  `);
  for (const table of ['audit_anonymisation_settings', 'audit_anonymisation_keys', 'audit_deliveries', 'audit_mission_statistics']) await tenantOwned(knex, table);
  // The public download route finds a link by its token's hash before it knows the organisation.
  await knex.raw(`
    create function audit_delivery_by_token(p_sha256 text) returns table (tenant_id uuid, mission_id uuid, expires_at timestamptz)
      language sql stable security definer set search_path = public as $$
        select d.tenant_id, d.mission_id, d.expires_at from audit_deliveries d where d.token_sha256 = p_sha256
      $$;
    revoke all on function audit_delivery_by_token(text) from public;
    grant execute on function audit_delivery_by_token(text) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists audit_delivery_by_token(text);
    drop table if exists audit_mission_statistics, audit_deliveries, audit_anonymisation_keys, audit_anonymisation_settings;
    alter table audit_missions
      drop column if exists retention_days, drop column if exists anonymise_on,
      drop column if exists anonymisation_postponed_until, drop column if exists anonymisation_postpone_reason,
      drop column if exists anonymisation_postponed_by, drop column if exists anonymisation_postponed_at;
  `);
}
