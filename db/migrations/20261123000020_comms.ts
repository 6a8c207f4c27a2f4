import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Communications (issue 4): per-tenant settings with encrypted credentials,
 * templates, every message as a record with its status history, opt-outs,
 * consents, campaigns, the per-tenant rate-limit windows and the sandbox
 * adapters' outboxes. History gains the actions 'message' and 'consent'.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table comms_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      sms_provider text not null default 'sandbox' check (sms_provider in ('sandbox','twilio')),
      twilio_account_sid text check (twilio_account_sid ~ '^AC[0-9a-fA-F]{32}$'),
      -- secret-box sealed (AES-256-GCM), never in clear
      twilio_auth_token_sealed text,
      twilio_from text,
      twilio_messaging_service_sid text check (twilio_messaging_service_sid ~ '^MG[0-9a-fA-F]{32}$'),
      mail_provider text not null default 'sandbox' check (mail_provider in ('sandbox','smtp')),
      smtp_host text,
      smtp_port integer check (smtp_port between 1 and 65535),
      smtp_secure boolean not null default false,
      smtp_user text,
      smtp_password_sealed text,
      mail_from text,
      sms_rate_per_minute integer not null default 60 check (sms_rate_per_minute between 1 and 1000000),
      mail_rate_per_minute integer not null default 120 check (mail_rate_per_minute between 1 and 1000000),
      version integer not null default 1,
      updated_by uuid,
      updated_at timestamptz not null default now()
    );

    create table comms_templates (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9][a-z0-9.-]{0,79}$'),
      language text not null check (language in ('fr','en')),
      channel text not null check (channel in ('sms','mail')),
      category text not null check (category in ('transactional','marketing')),
      kind text not null,
      name text not null,
      subject text,
      body text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id),
      unique (tenant_id, channel, key, language)
    );

    create table comms_campaigns (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      channel text not null check (channel in ('sms','mail')),
      template_id uuid not null,
      workflow_id text not null,
      status text not null default 'running' check (status in ('running','completed')),
      total integer not null,
      rate_per_minute integer not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      unique (tenant_id, id),
      foreign key (tenant_id, template_id) references comms_templates(tenant_id, id)
    );

    create table comms_campaign_recipients (
      tenant_id uuid not null,
      campaign_id uuid not null,
      position integer not null,
      contact_id uuid not null,
      primary key (campaign_id, position),
      unique (campaign_id, contact_id),
      foreign key (tenant_id, campaign_id) references comms_campaigns(tenant_id, id) on delete cascade
    );

    create table messages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      channel text not null check (channel in ('sms','mail')),
      direction text not null default 'outbound' check (direction in ('outbound','inbound')),
      category text not null default 'transactional' check (category in ('transactional','marketing')),
      -- E.164 number or email address; null when a refused message had none to use
      recipient text,
      sender text,
      contact_id uuid,
      template_id uuid,
      template_key text,
      language text,
      subject text,
      body text not null,
      status text not null check (status in ('pending','refused','queued','sending','sent','delivered','failed','undelivered','received')),
      provider text,
      provider_message_id text,
      -- set before each provider call: a later attempt that finds it set asks the provider first
      provider_attempted_at timestamptz,
      attempts integer not null default 0,
      error_code text,
      error_reason text,
      record_type text,
      record_id uuid,
      campaign_id uuid,
      sent_by_user_id uuid,
      sent_by_process text,
      idempotency_key text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, id),
      unique (tenant_id, idempotency_key),
      unique (tenant_id, provider, provider_message_id),
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete set null (contact_id),
      foreign key (tenant_id, campaign_id) references comms_campaigns(tenant_id, id) on delete set null (campaign_id)
    );
    create index messages_list on messages (tenant_id, created_at desc, id desc);
    create index messages_record on messages (tenant_id, record_type, record_id, created_at desc);
    create index messages_status on messages (tenant_id, status, created_at desc);
    create index messages_campaign on messages (tenant_id, campaign_id, record_id);

    -- Status history: one row per status reached (callbacks may repeat or arrive out of order).
    create table message_events (
      id bigserial primary key,
      tenant_id uuid not null,
      message_id uuid not null,
      status text not null,
      detail jsonb not null default '{}'::jsonb,
      at timestamptz not null default clock_timestamp(),
      unique (tenant_id, message_id, status),
      foreign key (tenant_id, message_id) references messages(tenant_id, id) on delete cascade
    );

    create table comms_opt_outs (
      tenant_id uuid not null references tenants(id) on delete cascade,
      channel text not null check (channel in ('sms','mail')),
      address text not null,
      keyword text,
      source text not null,
      at timestamptz not null default now(),
      primary key (tenant_id, channel, address)
    );

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

    -- The tenant-wide cap: one counter per channel and calendar minute.
    create table comms_rate_windows (
      tenant_id uuid not null references tenants(id) on delete cascade,
      channel text not null,
      window_start timestamptz not null,
      used integer not null default 0,
      primary key (tenant_id, channel, window_start)
    );

    -- What the sandbox "provider" holds: the outbox the UI shows in development.
    create table sandbox_sms_outbox (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      reference text not null,
      sid text not null,
      recipient text not null,
      sender text,
      body text not null,
      status text not null,
      status_callback text,
      created_at timestamptz not null default clock_timestamp(),
      unique (tenant_id, reference)
    );
    create table sandbox_mail_outbox (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      reference text not null,
      message_id_header text not null,
      recipient text not null,
      sender text,
      subject text not null,
      body text not null,
      created_at timestamptz not null default clock_timestamp(),
      unique (tenant_id, reference)
    );

    alter table history drop constraint history_action_check;
    alter table history add constraint history_action_check
      check (action in ('create','update','delete','assign','unassign','upload','message','consent'));

    -- Vendor webhooks carry no session: this is the only way the application role
    -- finds a tenant from the identifier in the webhook URL.
    create or replace function comms_webhook_tenant(p_slug text) returns uuid
      language sql stable security definer set search_path = public as $f$
      select id from tenants where slug = p_slug
    $f$;
    revoke all on function comms_webhook_tenant(text) from public;
    grant execute on function comms_webhook_tenant(text) to relais_app;
  `);
  for (const table of ['comms_settings', 'comms_templates', 'comms_campaigns', 'comms_campaign_recipients', 'messages',
    'message_events', 'comms_opt_outs', 'comms_consents', 'comms_rate_windows', 'sandbox_sms_outbox', 'sandbox_mail_outbox']) {
    await tenantOwned(knex, table);
  }
  await knex.raw(`
    grant usage on sequence message_events_id_seq to relais_app;
    create trigger comms_templates_touch before update on comms_templates for each row execute function touch_updated_at();
    create trigger messages_touch before update on messages for each row execute function touch_updated_at();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists comms_webhook_tenant(text);
    delete from history where action in ('message','consent');
    alter table history drop constraint history_action_check;
    alter table history add constraint history_action_check
      check (action in ('create','update','delete','assign','unassign','upload'));
    drop table if exists sandbox_mail_outbox, sandbox_sms_outbox, comms_rate_windows, comms_consents, comms_opt_outs,
      message_events, messages, comms_campaign_recipients, comms_campaigns, comms_templates, comms_settings cascade;
  `);
}
