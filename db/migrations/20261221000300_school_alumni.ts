import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * ACME School's alumni and their link to the alumni network (spec 004 constraint 9, issue 18, ADR 0051):
 *  - `school_alumni_careers`: an alumnus's jobs, the current one without `ended_on` (one per student), the
 *    employer as a name and, when it is a company the school knows, its account; from Alumnet or typed by the school;
 *  - `school_alumnet_links`: a student's member id at the network and when the school last pushed (the hash of
 *    what it pushed) and pulled;
 *  - `school_alumni_sync_runs`: every sync, its counts, and why a failed one failed (a code, no one's data);
 *  - `school_alumnet_connections`: the organisation's connection (adapter, address, the API key sealed by the
 *    secret box, enabled) and the network's clock of the last pull;
 *  - `school_alumnet_sandbox_members`: the sandbox network's own members (a stand-in for Alumnet's records).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table school_alumni_careers (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      student_id uuid not null,
      employer_name text not null check (char_length(employer_name) <= 200),
      account_id uuid,
      job_title text check (job_title is null or char_length(job_title) <= 200),
      city text check (city is null or char_length(city) <= 120),
      started_on date,
      ended_on date,
      source text not null check (source in ('alumnet', 'school')),
      alumnet_member_id text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      search_employer text generated always as (f_unaccent(lower(employer_name))) stored,
      search_city text generated always as (f_unaccent(lower(coalesce(city, '')))) stored,
      unique (tenant_id, id),
      foreign key (tenant_id, student_id) references school_students(tenant_id, id) on delete cascade,
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete set null (account_id)
    );
    create unique index school_alumni_careers_current on school_alumni_careers (tenant_id, student_id) where ended_on is null;
    create index school_alumni_careers_student on school_alumni_careers (tenant_id, student_id, started_on desc);
    create index school_alumni_careers_account on school_alumni_careers (tenant_id, account_id) where ended_on is null and account_id is not null;
    create index school_alumni_careers_city on school_alumni_careers (tenant_id, search_city) where ended_on is null;
    create index school_alumni_careers_employer_trgm on school_alumni_careers using gin (search_employer gin_trgm_ops);

    create table school_alumnet_links (
      tenant_id uuid not null references tenants(id) on delete cascade,
      student_id uuid not null,
      member_id text not null check (char_length(member_id) between 1 and 80),
      pushed_hash text,
      last_pushed_at timestamptz,
      last_pulled_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, student_id),
      unique (tenant_id, member_id),
      foreign key (tenant_id, student_id) references school_students(tenant_id, id) on delete cascade
    );

    create table school_alumni_sync_runs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      trigger text not null check (trigger in ('schedule', 'manual', 'demo')),
      provider text not null,
      status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      pulled integer not null default 0,
      pushed integer not null default 0,
      conflicts integer not null default 0,
      errors integer not null default 0,
      error_code text check (error_code is null or error_code ~ '^[a-z][a-z-]*$'),
      error_detail text check (error_detail is null or char_length(error_detail) <= 500),
      started_by uuid,
      created_at timestamptz not null default now(),
      unique (tenant_id, id)
    );
    create index school_alumni_sync_runs_recent on school_alumni_sync_runs (tenant_id, started_at desc);

    create table school_alumnet_connections (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      adapter text not null default 'sandbox' check (adapter in ('sandbox', 'alumnet')),
      base_url text check (base_url is null or char_length(base_url) <= 500),
      api_key_sealed text,
      enabled boolean not null default false,
      settings jsonb not null default '{}',
      pull_cursor timestamptz,
      last_tested_at timestamptz,
      last_test_ok boolean,
      updated_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    create table school_alumnet_sandbox_members (
      tenant_id uuid not null references tenants(id) on delete cascade,
      member_id text not null,
      external_ref text,
      last_name text not null,
      first_name text not null,
      promotion integer,
      cursus text,
      employer text,
      job_title text,
      city text,
      since date,
      professional_email text,
      professional_phone text,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, member_id),
      unique (tenant_id, external_ref)
    );
    create index school_alumnet_sandbox_members_changed on school_alumnet_sandbox_members (tenant_id, updated_at);
  `);
  for (const table of ['school_alumni_careers', 'school_alumnet_links', 'school_alumni_sync_runs', 'school_alumnet_connections', 'school_alumnet_sandbox_members']) {
    await tenantOwned(knex, table);
  }
  await knex.raw('create trigger school_alumni_careers_touch before update on school_alumni_careers for each row execute function touch_updated_at()');
  await knex.raw('create trigger school_alumnet_connections_touch before update on school_alumnet_connections for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists school_alumnet_sandbox_members, school_alumnet_connections, school_alumni_sync_runs, school_alumnet_links, school_alumni_careers cascade');
}
