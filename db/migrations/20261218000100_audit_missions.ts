import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

/**
 * Cassandre's audit missions (spec 000, issue 16): the mission and the client sites it audits.
 * The other records of the vertical (checklists, capture, findings, report, assistant) hang off
 * `audit_missions (tenant_id, id)` in their own migrations.
 *
 * Who may see a mission: its lead and the auditors in `auditor_ids` (the `assigned` scope of the
 * auditor role reads that array; GIN index for `? = any(auditor_ids)`); mission leads see all.
 * Retention (anonymisation) is counted from `delivered_at`, which a restored or re-opened mission
 * never moves (SysReptor #651).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table audit_missions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      account_id uuid not null,
      title text not null,
      status text not null default 'new'
        check (status in ('new', 'planned', 'on_site', 'drafting', 'review', 'delivered', 'anonymised')),
      -- technical: network, servers, applications, workstations, physical_access;
      -- organisational: awareness, documentation, access_rights
      scopes text[] not null default '{}'
        check (scopes <@ array['network', 'servers', 'applications', 'workstations', 'physical_access', 'awareness', 'documentation', 'access_rights']),
      starts_on date,
      ends_on date,
      lead_id uuid,
      auditor_ids uuid[] not null default '{}',
      quote_id uuid,
      summary text,
      delivered_at timestamptz,
      anonymised_at timestamptz,
      ${AUDIT}
      search_name text generated always as (f_unaccent(lower(title))) stored,
      search tsvector generated always as (to_tsvector('french', f_unaccent(title))) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      check (ends_on is null or starts_on is null or ends_on >= starts_on),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, lead_id) references users(tenant_id, id) on delete set null (lead_id),
      foreign key (tenant_id, quote_id) references billing_quotes(tenant_id, id) on delete set null (quote_id)
    );
    create index audit_missions_list on audit_missions (tenant_id, created_at, id);
    create index audit_missions_status on audit_missions (tenant_id, status, updated_at);
    create index audit_missions_account on audit_missions (tenant_id, account_id);
    create index audit_missions_auditors on audit_missions using gin (auditor_ids);
    create index audit_missions_search_name on audit_missions (tenant_id, (search_name collate "C"));
    create index audit_missions_search_name_trgm on audit_missions using gin (search_name gin_trgm_ops);
    create index audit_missions_search on audit_missions using gin (search);

    -- The client's sites a mission audits, with the days spent on each.
    create table audit_mission_sites (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      mission_id uuid not null,
      site_id uuid not null,
      on_site_from date,
      on_site_to date,
      notes text,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, mission_id, site_id),
      check (on_site_to is null or on_site_from is null or on_site_to >= on_site_from),
      foreign key (tenant_id, mission_id) references audit_missions(tenant_id, id) on delete cascade,
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete restrict
    );
    create index audit_mission_sites_mission on audit_mission_sites (tenant_id, mission_id);
  `);
  for (const table of ['audit_missions', 'audit_mission_sites']) {
    await tenantOwned(knex, table);
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists audit_mission_sites, audit_missions cascade');
}
