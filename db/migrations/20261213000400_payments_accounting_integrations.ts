import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Billing's integrations (issue 13, docs/adr/0014-billing-integrations.md): each organisation's
 * payment provider (sandbox or Stripe) and accounting software (none, sandbox or Pennylane) with
 * their secrets sealed by the secret box; the provider notifications already handled (one row per
 * event id: a repeated notification changes nothing); what was pushed to the accounting software
 * (one row per document, the upsert's memory) and where the pull of payment states stands.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table billing_integration_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      payments_provider text not null default 'sandbox' check (payments_provider in ('sandbox', 'stripe')),
      -- secret-box sealed (AES-256-GCM), never in clear
      stripe_secret_key_sealed text,
      stripe_webhook_secret_sealed text,
      -- Stripe Connect: notifications naming another account are ignored
      stripe_account_id text check (stripe_account_id ~ '^acct_[A-Za-z0-9]{1,64}$'),
      accounting_provider text not null default 'none' check (accounting_provider in ('none', 'sandbox', 'pennylane')),
      pennylane_api_token_sealed text,
      version integer not null default 1,
      updated_by uuid,
      updated_at timestamptz not null default now()
    );

    create table billing_webhook_events (
      tenant_id uuid not null references tenants(id) on delete cascade,
      provider text not null check (provider in ('sandbox', 'stripe')),
      event_id text not null check (length(event_id) between 1 and 255),
      event_type text not null,
      -- what handling it did: a payment recorded, or why nothing was
      outcome text not null,
      invoice_id uuid,
      payment_id uuid,
      received_at timestamptz not null default now(),
      primary key (tenant_id, provider, event_id)
    );

    create table billing_accounting_pushes (
      tenant_id uuid not null references tenants(id) on delete cascade,
      provider text not null check (provider in ('sandbox', 'pennylane')),
      document_type text not null check (document_type in ('invoice', 'credit-note')),
      document_id uuid not null,
      status text not null check (status in ('pushed', 'failed')),
      external_id text,
      attempts integer not null default 0,
      last_error text,
      pushed_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, provider, document_type, document_id)
    );

    create table billing_accounting_cursors (
      tenant_id uuid not null references tenants(id) on delete cascade,
      provider text not null check (provider in ('sandbox', 'pennylane')),
      cursor text,
      pulled_at timestamptz,
      primary key (tenant_id, provider)
    );

    -- The scheduled sync runs outside any organisation: the only cross-tenant read it has is
    -- which organisations have an accounting software (ids only).
    create function billing_accounting_tenants() returns setof uuid
      language sql stable security definer set search_path = public as $f$
      select tenant_id from billing_integration_settings where accounting_provider <> 'none' order by tenant_id
    $f$;
    revoke all on function billing_accounting_tenants() from public;
    grant execute on function billing_accounting_tenants() to relais_app;
  `);
  await tenantOwned(knex, 'billing_integration_settings');
  // Notifications handled are a ledger: written once.
  await tenantOwned(knex, 'billing_webhook_events', 'select, insert');
  await tenantOwned(knex, 'billing_accounting_pushes');
  await tenantOwned(knex, 'billing_accounting_cursors');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists billing_accounting_tenants();
    drop table if exists billing_accounting_cursors, billing_accounting_pushes, billing_webhook_events, billing_integration_settings;
  `);
}
