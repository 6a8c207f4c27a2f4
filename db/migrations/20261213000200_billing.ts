import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

/** Lines as typed (jsonb array validated by billingLineInput), and the totals computed from them (domain/billing/totals.ts). */
const LINES_AND_TOTALS = `
      lines jsonb not null default '[]'::jsonb check (jsonb_typeof(lines) = 'array'),
      vat_breakdown jsonb not null default '[]'::jsonb check (jsonb_typeof(vat_breakdown) = 'array'),
      total_excluding_tax_cents bigint not null default 0,
      total_tax_cents bigint not null default 0,
      total_including_tax_cents bigint not null default 0,
      currency text not null default 'EUR' check (currency = 'EUR'),
      language text not null default 'fr' check (language in ('fr', 'en')),`;

/**
 * The parties as they were when the document left draft (BillingDocumentView's seller and buyer), and the terms and branding
 * it was issued with (penalty rate, discount terms, footer, logo, colours): renderers read these, never today's profile.
 */
const SNAPSHOTS = `
      seller jsonb,
      buyer jsonb,
      frozen_terms jsonb,`;

/**
 * The billing context (issue 13): the organisation's legal profile as a seller, quotes, invoices
 * (standard, deposit, final), credit notes, the payments ledger and account credit.
 *
 * Numbers are text (`F-2026-00042`), unique per tenant and sequence, null while a draft: they are
 * given at issue from tenant_counters inside the issuing transaction (domain/billing/numbering.ts).
 * Amounts are integer cents; the stored totals are those computeTotals gave when the lines were saved.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table billing_profiles (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      legal_name text,
      trading_name text,
      legal_form text,
      share_capital_cents bigint check (share_capital_cents >= 0),
      siren text check (siren ~ '^[0-9]{9}$'),
      siret text check (siret ~ '^[0-9]{14}$'),
      vat_number text,
      registration text,
      address_line1 text, address_line2 text, postal_code text, city text,
      country text not null default 'FR' check (country ~ '^[A-Z]{2}$'),
      email text, phone text, website text,
      iban text, bic text,
      payment_terms_days integer not null default 30 check (payment_terms_days between 0 and 365),
      late_penalty_rate_basis_points integer check (late_penalty_rate_basis_points between 0 and 10000),
      early_payment_discount text,
      vat_exemption_mention text,
      invoice_number_format text not null default 'F-{YYYY}-{#####}',
      credit_note_number_format text not null default 'AV-{YYYY}-{#####}',
      quote_number_format text not null default 'D-{YYYY}-{#####}',
      numbering_yearly_reset boolean not null default true,
      footer text,
      logo_data_url text,
      ${AUDIT}
      unique (tenant_id)
    );

    create table billing_quotes (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number text,
      status text not null default 'draft' check (status in ('draft', 'sent', 'accepted', 'refused', 'expired')),
      account_id uuid not null,
      billing_site_id uuid,
      issue_date date,
      valid_until date,
      terms text,
      notes text,
      buyer_reference text,
      ${LINES_AND_TOTALS}
      ${SNAPSHOTS}
      sent_at timestamptz,
      decided_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, number),
      check ((status = 'draft') = (number is null)),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete set null (billing_site_id)
    );
    create index billing_quotes_list on billing_quotes (tenant_id, created_at, id);
    create index billing_quotes_account on billing_quotes (tenant_id, account_id, created_at);
    create index billing_quotes_status on billing_quotes (tenant_id, status, created_at, id);

    create table billing_invoices (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number text,
      kind text not null default 'standard' check (kind in ('standard', 'deposit', 'final')),
      status text not null default 'draft' check (status in ('draft', 'issued', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled')),
      account_id uuid not null,
      billing_site_id uuid,
      quote_id uuid,
      issue_date date,
      due_date date,
      period_start date,
      period_end date,
      payment_terms_days integer check (payment_terms_days between 0 and 365),
      deposit_basis_points integer check (deposit_basis_points between 1 and 9999),
      buyer_reference text,
      notes text,
      ${LINES_AND_TOTALS}
      ${SNAPSHOTS}
      deposits_deducted jsonb not null default '[]'::jsonb check (jsonb_typeof(deposits_deducted) = 'array'),
      deposits_deducted_cents bigint not null default 0 check (deposits_deducted_cents >= 0),
      paid_cents bigint not null default 0 check (paid_cents >= 0),
      credited_cents bigint not null default 0 check (credited_cents >= 0),
      amount_due_cents bigint not null default 0 check (amount_due_cents >= 0),
      payment_url text,
      issued_at timestamptz,
      issued_by uuid,
      sent_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, number),
      check ((status = 'draft') = (number is null)),
      check ((status = 'draft') = (issue_date is null)),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, billing_site_id) references billing_sites(tenant_id, id) on delete set null (billing_site_id),
      foreign key (tenant_id, quote_id) references billing_quotes(tenant_id, id) on delete restrict
    );
    create index billing_invoices_list on billing_invoices (tenant_id, created_at, id);
    create index billing_invoices_account on billing_invoices (tenant_id, account_id, created_at);
    create index billing_invoices_status on billing_invoices (tenant_id, status, created_at, id);
    create index billing_invoices_due on billing_invoices (tenant_id, due_date) where amount_due_cents > 0 and status not in ('draft', 'paid', 'cancelled');
    create index billing_invoices_quote on billing_invoices (tenant_id, quote_id) where quote_id is not null;

    create table billing_credit_notes (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number text,
      status text not null default 'draft' check (status in ('draft', 'issued')),
      invoice_id uuid not null,
      account_id uuid not null,
      reason text,
      issue_date date,
      ${LINES_AND_TOTALS}
      ${SNAPSHOTS}
      applied_cents bigint not null default 0 check (applied_cents >= 0),
      to_account_credit_cents bigint not null default 0 check (to_account_credit_cents >= 0),
      issued_at timestamptz,
      issued_by uuid,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, number),
      check ((status = 'draft') = (number is null)),
      foreign key (tenant_id, invoice_id) references billing_invoices(tenant_id, id) on delete restrict,
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict
    );
    create index billing_credit_notes_list on billing_credit_notes (tenant_id, created_at, id);
    create index billing_credit_notes_invoice on billing_credit_notes (tenant_id, invoice_id);
    create index billing_credit_notes_account on billing_credit_notes (tenant_id, account_id, created_at);

    create table billing_payments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      invoice_id uuid not null,
      amount_cents bigint not null check (amount_cents > 0),
      paid_on date not null,
      method text not null check (method in ('transfer', 'card', 'cheque', 'cash', 'direct_debit', 'account_credit', 'other')),
      reference text,
      external_id text,
      source text not null default 'manual' check (source in ('manual', 'stripe', 'accounting', 'account_credit')),
      created_by uuid,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, invoice_id) references billing_invoices(tenant_id, id) on delete restrict
    );
    create index billing_payments_invoice on billing_payments (tenant_id, invoice_id, paid_on);
    -- The provider's id (a Stripe session, an accounting payment): the same payment reported twice is recorded once.
    create unique index billing_payments_external on billing_payments (tenant_id, external_id) where external_id is not null;

    -- Money the organisation owes a client (a credit note above what remained due): used later against an invoice.
    create table billing_account_credits (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      account_id uuid not null,
      amount_cents bigint not null check (amount_cents <> 0),
      credit_note_id uuid,
      invoice_id uuid,
      payment_id uuid,
      note text,
      created_by uuid,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, credit_note_id) references billing_credit_notes(tenant_id, id) on delete restrict,
      foreign key (tenant_id, invoice_id) references billing_invoices(tenant_id, id) on delete restrict
    );
    create index billing_account_credits_account on billing_account_credits (tenant_id, account_id, created_at);
  `);
  // The timeline also shows a document issued, sent, accepted or refused, and a credit note.
  await knex.raw(`
    alter table history drop constraint history_action_check;
    alter table history add constraint history_action_check
      check (action in ('create','update','delete','assign','unassign','upload','message','consent','sign','payment','close','import','issue','send','accept','refuse','expire','credit'));
  `);
  for (const table of ['billing_profiles', 'billing_quotes', 'billing_invoices', 'billing_credit_notes']) await tenantOwned(knex, table);
  // Payments and account credit are ledgers: written once, never edited or deleted.
  await tenantOwned(knex, 'billing_payments', 'select, insert');
  await tenantOwned(knex, 'billing_account_credits', 'select, insert');
  // An issued document never changes its number, totals, lines or parties (the domain refuses first; this is the last guard).
  await knex.raw(`
    create function billing_frozen_guard() returns trigger language plpgsql as $$
    begin
      if old.number is not null and (
        new.number is distinct from old.number or new.lines is distinct from old.lines
        or new.total_including_tax_cents is distinct from old.total_including_tax_cents
        or new.seller is distinct from old.seller or new.buyer is distinct from old.buyer
        or new.issue_date is distinct from old.issue_date
      ) then
        raise exception 'an issued billing document cannot change (%.%)', tg_table_name, old.number using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger billing_invoices_frozen before update on billing_invoices for each row execute function billing_frozen_guard();
    create trigger billing_credit_notes_frozen before update on billing_credit_notes for each row execute function billing_frozen_guard();
    create function billing_issued_undeletable() returns trigger language plpgsql as $$
    begin
      -- Removing the whole organisation (its tenant row already gone) takes its documents with it.
      if old.number is not null and exists (select 1 from tenants where id = old.tenant_id) then
        raise exception 'an issued billing document cannot be deleted (%.%)', tg_table_name, old.number using errcode = 'check_violation';
      end if;
      return old;
    end $$;
    create trigger billing_invoices_undeletable before delete on billing_invoices for each row execute function billing_issued_undeletable();
    create trigger billing_credit_notes_undeletable before delete on billing_credit_notes for each row execute function billing_issued_undeletable();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists billing_account_credits, billing_payments, billing_credit_notes, billing_invoices, billing_quotes, billing_profiles cascade;
    drop function if exists billing_frozen_guard(), billing_issued_undeletable();
    delete from history where action in ('issue','send','accept','refuse','expire','credit');
    alter table history drop constraint history_action_check;
    alter table history add constraint history_action_check
      check (action in ('create','update','delete','assign','unassign','upload','message','consent','sign','payment','close','import'));
  `);
}
