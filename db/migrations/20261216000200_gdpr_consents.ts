import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The consent ledger (issue 15, docs/adr/0024-consent-ledger.md): every consent given or withdrawn, per person
 * (a contact or a user), purpose and channel, with its date, its source, the version of the text the person was
 * shown and its expiry. Append-only: the application role may insert and read, never change or delete an entry
 * (only blank its free-text note, for an erasure); the current state is derived from it. The texts of consent
 * are versioned per organisation and purpose. The comms consents (one row per contact and channel) move into
 * the ledger as the purpose `comms.marketing`: a grant, and a withdrawal when there was one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table gdpr_consent_texts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      purpose text not null check (purpose ~ '^[a-z]+(\\.[a-z-]+)+$'),
      version integer not null check (version > 0),
      title text not null,
      body text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, id),
      unique (tenant_id, purpose, version)
    );

    create table gdpr_consent_entries (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      subject_kind text not null check (subject_kind in ('contact', 'user')),
      subject_id uuid not null,
      purpose text not null check (purpose ~ '^[a-z]+(\\.[a-z-]+)+$'),
      channel text not null check (channel ~ '^[a-z][a-z-]*$'),
      decision text not null check (decision in ('opt-in', 'soft-opt-in', 'opt-out')),
      source text not null check (source in ('form', 'web', 'phone', 'import', 'portal', 'reply')),
      source_detail text,
      text_id uuid,
      occurred_at timestamptz not null default now(),
      expires_at timestamptz,
      recorded_by uuid,
      recorded_at timestamptz not null default clock_timestamp(),
      check (expires_at is null or decision <> 'opt-out'),
      foreign key (tenant_id, text_id) references gdpr_consent_texts(tenant_id, id)
    );
    create index gdpr_consent_entries_subject on gdpr_consent_entries (tenant_id, subject_kind, subject_id, purpose, channel, occurred_at desc, recorded_at desc);

    insert into gdpr_consent_entries (tenant_id, subject_kind, subject_id, purpose, channel, decision, source, source_detail, occurred_at, recorded_by, recorded_at)
      select tenant_id, 'contact', contact_id, 'comms.marketing', channel, 'opt-in', 'import', source, granted_at, recorded_by, granted_at
      from comms_consents;
    insert into gdpr_consent_entries (tenant_id, subject_kind, subject_id, purpose, channel, decision, source, source_detail, occurred_at, recorded_by, recorded_at)
      select tenant_id, 'contact', contact_id, 'comms.marketing', channel, 'opt-out', 'import', null, withdrawn_at, withdrawn_by, withdrawn_at
      from comms_consents where withdrawn_at is not null;
    drop table comms_consents;
  `);
  await tenantOwned(knex, 'gdpr_consent_texts', 'select, insert, update, delete');
  await tenantOwned(knex, 'gdpr_consent_entries', 'select, insert');
  await knex.raw('grant update (source_detail) on gdpr_consent_entries to relais_app');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create table comms_consents (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      contact_id uuid not null,
      channel text not null check (channel in ('sms','mail')),
      source text not null,
      granted_at timestamptz not null default now(),
      recorded_by uuid,
      withdrawn_at timestamptz,
      withdrawn_by uuid,
      unique (tenant_id, contact_id, channel),
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete cascade
    );
    insert into comms_consents (tenant_id, contact_id, channel, source, granted_at, recorded_by, withdrawn_at, withdrawn_by)
      select distinct on (g.tenant_id, g.subject_id, g.channel) g.tenant_id, g.subject_id, g.channel, coalesce(g.source_detail, g.source),
        g.occurred_at, g.recorded_by, w.occurred_at, w.recorded_by
      from gdpr_consent_entries g
      join contacts c on c.tenant_id = g.tenant_id and c.id = g.subject_id
      left join lateral (select occurred_at, recorded_by from gdpr_consent_entries w
        where w.tenant_id = g.tenant_id and w.subject_kind = 'contact' and w.subject_id = g.subject_id and w.purpose = g.purpose
          and w.channel = g.channel and w.decision = 'opt-out' and w.occurred_at >= g.occurred_at
        order by w.occurred_at limit 1) w on true
      where g.subject_kind = 'contact' and g.purpose = 'comms.marketing' and g.channel in ('sms', 'mail') and g.decision <> 'opt-out'
      order by g.tenant_id, g.subject_id, g.channel, g.occurred_at desc, g.recorded_at desc;
    drop table gdpr_consent_entries;
    drop table gdpr_consent_texts;
  `);
  await tenantOwned(knex, 'comms_consents');
}
