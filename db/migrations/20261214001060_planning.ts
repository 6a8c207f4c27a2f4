import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The core planning context (issue 14, spec 003 §2.3.3; audits and field service plan on it too):
 * each person's agenda entries (interventions, absences, other appointments), their working hours
 * when they differ from the tenant's business calendar, and the secret address of their iCalendar
 * feed. Teams (`planning_teams`, `planning_team_members`) are in the MSP's shared migration.
 *
 * One person is never in two places at once: an exclusion constraint refuses two live entries of the
 * same person whose periods overlap (an absence blocks an intervention), whatever writes them; the
 * domain checks first to name the conflicting entry in French (domain/planning/conflicts.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create extension if not exists btree_gist;

    -- A team's colour on the agenda and the capacity view.
    alter table planning_teams add column color text check (color ~ '^#[0-9a-f]{6}$');

    create table planning_entries (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      user_id uuid not null,
      kind text not null check (kind in ('intervention', 'absence', 'appointment')),
      -- interventions only: on site or remote
      mode text check (mode in ('remote', 'on-site')),
      -- absences only
      absence_reason text check (absence_reason in ('holiday', 'sick', 'training', 'other')),
      status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
      title text not null check (length(title) between 1 and 200),
      notes text check (length(notes) <= 4000),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      all_day boolean not null default false,
      -- what the entry plans (a ticket for the MSP, an audit, a field job): type and id, no foreign key (any vertical's)
      record_type text check (record_type ~ '^[a-z][a-z0-9.-]{0,62}$'),
      record_id uuid,
      account_id uuid,
      site_id uuid,
      period tstzrange generated always as (tstzrange(starts_at, ends_at, '[)')) stored,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id),
      check (ends_at > starts_at),
      check (ends_at - starts_at <= interval '62 days'),
      check ((kind = 'intervention') = (mode is not null)),
      check ((kind = 'absence') = (absence_reason is not null)),
      check ((record_type is null) = (record_id is null)),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade,
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete set null (account_id),
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete set null (site_id),
      constraint planning_entries_no_overlap exclude using gist (tenant_id with =, user_id with =, period with &&) where (status <> 'cancelled')
    );
    create index planning_entries_period on planning_entries using gist (tenant_id, period);
    create index planning_entries_record on planning_entries (tenant_id, record_type, record_id) where record_id is not null;
    create index planning_entries_list on planning_entries (tenant_id, starts_at, id);

    -- A person's working week when it is not the tenant's default business calendar's.
    create table planning_working_hours (
      tenant_id uuid not null references tenants(id) on delete cascade,
      user_id uuid not null,
      -- { "1": [["09:00","12:30"],["13:30","18:00"]], … "7": [] } by ISO weekday, wall-clock times of time_zone
      weekly_hours jsonb not null check (jsonb_typeof(weekly_hours) = 'object'),
      time_zone text not null default 'Europe/Paris',
      updated_at timestamptz not null default now(),
      primary key (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
    );

    -- The secret address of a person's iCalendar feed: only its SHA-256 is kept; a new one replaces the old.
    create table planning_ical_tokens (
      tenant_id uuid not null references tenants(id) on delete cascade,
      user_id uuid not null,
      token_hash bytea not null unique,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
    );

    -- A calendar application fetches the feed without a session: the hash alone says whose it is
    -- (the only cross-tenant read of planning, like auth_login_candidates), and only for an active user.
    create or replace function planning_ical_owner(p_hash bytea)
      returns table (tenant_id uuid, user_id uuid)
      language sql stable security definer set search_path = public as $f$
      select k.tenant_id, k.user_id from planning_ical_tokens k
        join users u on u.tenant_id = k.tenant_id and u.id = k.user_id and u.active
      where k.token_hash = p_hash
    $f$;
    revoke all on function planning_ical_owner(bytea) from public;
    grant execute on function planning_ical_owner(bytea) to relais_app;
  `);
  await tenantOwned(knex, 'planning_entries');
  await knex.raw('create trigger planning_entries_touch before update on planning_entries for each row execute function touch_updated_at()');
  await tenantOwned(knex, 'planning_working_hours');
  await tenantOwned(knex, 'planning_ical_tokens');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists planning_ical_owner(bytea);
    drop table if exists planning_ical_tokens, planning_working_hours, planning_entries cascade;
    alter table planning_teams drop column if exists color;
  `);
}
