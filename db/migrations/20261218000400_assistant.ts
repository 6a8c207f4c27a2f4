import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Cassandre's local assistant (issue 16, docs/adr/0037-local-assistant.md).
 *
 * `assistant_settings`: one row per organisation (none while the embedded provider, which needs no model,
 * applies): the provider, the Ollama host and model, and, when an administrator allowed a public host,
 * who and when (the audit log keeps the same).
 *
 * `assistant_suggestions`: every suggestion and draft the assistant made for a mission, kept for the
 * report's provenance: what was asked (`prompt_sealed`) and answered (`answer_sealed`, `final_sealed` once a
 * person accepted or edited it), sealed at rest (domain/core/secret-box.ts, bound to the tenant and the row),
 * the source it cites, and the person's decision. They hang off the mission and go with its data.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table assistant_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      provider text not null default 'embedded' check (provider in ('embedded', 'ollama')),
      host text,
      model text,
      public_host_allowed_by uuid,
      public_host_allowed_at timestamptz,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (provider = 'embedded' or (host is not null and model is not null)),
      check ((public_host_allowed_by is null) = (public_host_allowed_at is null))
    );

    create table assistant_suggestions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      mission_id uuid not null,
      kind text not null check (kind in ('check', 'analysis', 'finding-draft', 'summary-draft')),
      provider text not null check (provider in ('embedded', 'ollama')),
      model text,
      prompt_sealed text not null,
      answer_sealed text not null,
      final_sealed text,
      source_kind text check (source_kind in ('check-point', 'library-finding', 'past-finding')),
      source_id uuid,
      source_title text,
      status text not null default 'proposed' check (status in ('proposed', 'accepted', 'edited', 'rejected')),
      decided_by uuid,
      decided_at timestamptz,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id),
      check ((source_kind is null) = (source_id is null)),
      check ((status = 'proposed') = (decided_at is null)),
      foreign key (tenant_id, mission_id) references audit_missions(tenant_id, id) on delete cascade
    );
    create index assistant_suggestions_mission on assistant_suggestions (tenant_id, mission_id, created_at);
  `);
  await tenantOwned(knex, 'assistant_settings');
  await tenantOwned(knex, 'assistant_suggestions');
  await knex.raw('create trigger assistant_suggestions_touch before update on assistant_suggestions for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists assistant_suggestions, assistant_settings cascade');
}
