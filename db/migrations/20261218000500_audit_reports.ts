import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

/**
 * Cassandre's audit reports (spec 000, issue 16; docs/adr/0038-audit-reports.md): one report per
 * mission, drafted in sections, submitted by an auditor, reviewed by the mission lead.
 *
 * - `audit_report_templates`: the organisation's report template (cover title, footer, how serial
 *   numbers print), at most one per organisation; a report copies it with the branding into its
 *   `template_snapshot` when it is created, so an old report re-renders identically.
 * - `audit_reports`: the report (status `draft → in_review → changes_requested ↺ → approved →
 *   delivered`), its current version number (the last submitted one, 0 before any submission).
 * - `audit_report_sections`: the sections (Markdown), with their origin and the assistant's draft flag
 *   kept until a person edits the section; `version` for If-Match.
 * - `audit_report_versions`: each submitted version frozen (sections, findings and inventory as they were).
 * - `audit_report_comments`: the reviewer's comments, per version and section.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table audit_report_templates (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      cover_title text not null default 'Rapport d''audit de sécurité',
      footer text,
      serial_display text not null default 'last4' check (serial_display in ('hidden', 'last4', 'full')),
      ${AUDIT}
      unique (tenant_id)
    );

    create table audit_reports (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      mission_id uuid not null,
      status text not null default 'draft'
        check (status in ('draft', 'in_review', 'changes_requested', 'approved', 'delivered')),
      current_version integer not null default 0 check (current_version >= 0),
      template_snapshot jsonb not null,
      submitted_by uuid,
      submitted_at timestamptz,
      approved_by uuid,
      approved_at timestamptz,
      delivered_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, mission_id),
      foreign key (tenant_id, mission_id) references audit_missions(tenant_id, id) on delete cascade
    );
    create index audit_reports_status on audit_reports (tenant_id, status, updated_at);

    create table audit_report_sections (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      report_id uuid not null,
      key text not null check (key ~ '^[a-z][a-z0-9-]{0,39}$'),
      position integer not null check (position >= 0),
      title text not null,
      body text default '', -- null only once erased (GDPR)
      origin text not null default 'human' check (origin in ('human', 'assistant')),
      assistant_draft boolean not null default false,
      edited_by uuid,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, report_id, key),
      foreign key (tenant_id, report_id) references audit_reports(tenant_id, id) on delete cascade
    );
    create index audit_report_sections_report on audit_report_sections (tenant_id, report_id, position);

    create table audit_report_versions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      report_id uuid not null,
      number integer not null check (number >= 1),
      snapshot jsonb, -- null only once erased (GDPR)
      submitted_by uuid,
      submitted_at timestamptz not null default now(),
      decision text check (decision in ('approved', 'changes_requested')),
      decided_by uuid,
      decided_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, report_id, number),
      foreign key (tenant_id, report_id) references audit_reports(tenant_id, id) on delete cascade
    );

    create table audit_report_comments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      report_id uuid not null,
      version_number integer not null,
      section_key text not null,
      author_id uuid,
      body text check (length(body) between 1 and 4000), -- null only once erased (GDPR)
      resolved boolean not null default false,
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, report_id, version_number) references audit_report_versions(tenant_id, report_id, number) on delete cascade
    );
    create index audit_report_comments_report on audit_report_comments (tenant_id, report_id, version_number);
  `);
  for (const table of ['audit_report_templates', 'audit_reports', 'audit_report_sections', 'audit_report_versions', 'audit_report_comments']) {
    await tenantOwned(knex, table);
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists audit_report_comments, audit_report_versions, audit_report_sections, audit_reports, audit_report_templates cascade');
}
