import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

const SCOPES = `array['network', 'servers', 'applications', 'workstations', 'physical_access', 'awareness', 'documentation', 'access_rights']`;

/**
 * Cassandre's control catalogue, a mission's checklist and the finding library (issue 16, ADR 0034).
 *
 * `audit_check_points` is versioned by rows: editing a check point inserts its next `catalogue_version`
 * under the same `code` and retires the former (`retired_at`, `replaced_by`); retiring without a successor
 * leaves `replaced_by` null. At most one current (not retired) row per code. A mission's check
 * (`audit_mission_checks`) copies the text of the version it was selected from, so an old mission keeps
 * what it was audited against whatever the catalogue becomes. Both catalogue and library carry a French
 * full-text `search` (weighted: code and title, then guidance and hints) for the list and the assistant.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- Joins a text array for a generated column (array_to_string is only stable: for text[] it is immutable in fact).
    create or replace function f_text_words(text[]) returns text
      language sql immutable parallel safe as $f$ select coalesce(array_to_string($1, ' '), '') $f$;

    create table audit_check_points (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      code text not null check (code ~ '^[A-Z]{2,5}-[0-9]{2,3}$'),
      scope text not null check (scope = any(${SCOPES})),
      catalogue_version integer not null default 1 check (catalogue_version >= 1),
      title text not null check (length(title) between 1 and 300),
      guidance text not null default '',
      "references" text[] not null default '{}',
      expected_evidence text not null default '',
      applies_to text[] not null default '{}',
      position integer not null default 0,
      retired_at timestamptz,
      replaced_by uuid,
      ${AUDIT}
      search tsvector generated always as (
        setweight(to_tsvector('french', f_unaccent(code || ' ' || title)), 'A') ||
        setweight(to_tsvector('french', f_unaccent(guidance || ' ' || f_text_words(applies_to))), 'B') ||
        setweight(to_tsvector('french', f_unaccent(expected_evidence || ' ' || f_text_words("references"))), 'C')
      ) stored,
      unique (tenant_id, id),
      unique (tenant_id, code, catalogue_version),
      check (replaced_by is null or retired_at is not null),
      foreign key (tenant_id, replaced_by) references audit_check_points(tenant_id, id) on delete set null (replaced_by)
    );
    create unique index audit_check_points_current on audit_check_points (tenant_id, code) where retired_at is null;
    create index audit_check_points_scope on audit_check_points (tenant_id, scope, position, code) where retired_at is null;
    create index audit_check_points_applies on audit_check_points using gin (applies_to);
    create index audit_check_points_search on audit_check_points using gin (search);

    create table audit_mission_checks (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      mission_id uuid not null,
      check_point_id uuid not null,
      site_id uuid,
      -- The check point as it was when selected (ADR 0034).
      code text not null,
      scope text not null,
      catalogue_version integer not null,
      title text not null,
      guidance text not null default '',
      "references" text[] not null default '{}',
      expected_evidence text not null default '',
      position integer not null default 0,
      answer text not null default 'not_checked'
        check (answer in ('compliant', 'non_compliant', 'not_applicable', 'not_checked')),
      observation text,
      answered_by uuid,
      answered_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique nulls not distinct (tenant_id, mission_id, code, site_id),
      check (answer = 'not_checked' or answered_at is not null),
      foreign key (tenant_id, mission_id) references audit_missions(tenant_id, id) on delete cascade,
      foreign key (tenant_id, check_point_id) references audit_check_points(tenant_id, id) on delete restrict,
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete restrict,
      foreign key (tenant_id, answered_by) references users(tenant_id, id) on delete set null (answered_by)
    );
    create index audit_mission_checks_mission on audit_mission_checks (tenant_id, mission_id, scope, position, code);
    create index audit_mission_checks_point on audit_mission_checks (tenant_id, check_point_id);

    create table audit_library_findings (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      title text not null check (length(title) between 1 and 300),
      description text not null default '',
      risk text not null default '',
      recommendation text not null default '',
      "references" text[] not null default '{}',
      default_severity text not null default 'medium'
        check (default_severity in ('info', 'low', 'medium', 'high', 'critical')),
      scopes text[] not null default '{}' check (scopes <@ ${SCOPES}),
      tags text[] not null default '{}',
      usage_count integer not null default 0 check (usage_count >= 0),
      last_used_at timestamptz,
      ${AUDIT}
      search tsvector generated always as (
        setweight(to_tsvector('french', f_unaccent(title)), 'A') ||
        setweight(to_tsvector('french', f_unaccent(description || ' ' || f_text_words(tags))), 'B') ||
        setweight(to_tsvector('french', f_unaccent(risk || ' ' || recommendation || ' ' || f_text_words("references"))), 'C')
      ) stored,
      unique (tenant_id, id)
    );
    create index audit_library_findings_list on audit_library_findings (tenant_id, title, id);
    create index audit_library_findings_tags on audit_library_findings using gin (tags);
    create index audit_library_findings_search on audit_library_findings using gin (search);
  `);
  for (const table of ['audit_check_points', 'audit_mission_checks', 'audit_library_findings']) {
    await tenantOwned(knex, table);
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists audit_library_findings, audit_mission_checks, audit_check_points cascade');
  await knex.raw('drop function if exists f_text_words(text[])');
}
