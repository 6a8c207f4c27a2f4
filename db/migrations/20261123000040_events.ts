import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

/**
 * The events vertical (specification 001, Epic Events): clients, their
 * contracts with the payments recorded against them, and the events organised
 * under a signed contract. Human numbers are per tenant; an import from the
 * legacy spreadsheet may keep the numbers people already quote.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table event_clients (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      full_name text not null,
      email text,
      phone text,
      company_name text,
      first_contact_on date not null default current_date,
      last_contact_at timestamptz,
      sales_contact_id uuid,
      notes text,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, sales_contact_id) references users(tenant_id, id) on delete set null (sales_contact_id)
    );
    create index event_clients_list on event_clients (tenant_id, full_name, id);
    create index event_clients_sales on event_clients (tenant_id, sales_contact_id, full_name, id);
    create index event_clients_name_trgm on event_clients using gin (f_unaccent(lower(full_name || ' ' || coalesce(company_name, ''))) gin_trgm_ops);

    create table event_contracts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      client_id uuid not null,
      total_amount_cents bigint not null check (total_amount_cents >= 0),
      amount_due_cents bigint not null check (amount_due_cents >= 0 and amount_due_cents <= total_amount_cents),
      currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
      signed boolean not null default false,
      signed_at timestamptz,
      notes text,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, client_id) references event_clients(tenant_id, id) on delete restrict,
      check (signed = (signed_at is not null))
    );
    create index event_contracts_list on event_contracts (tenant_id, number, id);
    create index event_contracts_client on event_contracts (tenant_id, client_id);
    create index event_contracts_unsigned on event_contracts (tenant_id, number, id) where not signed;
    create index event_contracts_unpaid on event_contracts (tenant_id, number, id) where amount_due_cents > 0;

    create table event_payments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      contract_id uuid not null,
      amount_cents bigint not null check (amount_cents > 0),
      paid_on date not null,
      method text not null check (method in ('transfer','card','cheque','cash','other')),
      reference text,
      created_by uuid,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, contract_id) references event_contracts(tenant_id, id) on delete restrict
    );
    create index event_payments_contract on event_payments (tenant_id, contract_id, paid_on);

    create table event_events (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      name text not null,
      contract_id uuid not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      support_contact_id uuid,
      location text,
      attendees integer check (attendees >= 0),
      notes text,
      closed_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, contract_id) references event_contracts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, support_contact_id) references users(tenant_id, id) on delete set null (support_contact_id),
      check (ends_at > starts_at)
    );
    create index event_events_list on event_events (tenant_id, starts_at, id);
    create index event_events_contract on event_events (tenant_id, contract_id);
    create index event_events_support on event_events (tenant_id, support_contact_id, starts_at, id);
    create index event_events_without_support on event_events (tenant_id, starts_at, id) where support_contact_id is null;
  `);
  // The timeline also shows a contract signed, a payment, an event closed, an import.
  await knex.raw(`
    alter table history drop constraint history_action_check;
    alter table history add constraint history_action_check
      check (action in ('create','update','delete','assign','unassign','upload','message','consent','sign','payment','close','import'));
  `);
  for (const table of ['event_clients', 'event_contracts', 'event_events']) await tenantOwned(knex, table);
  // Payments are a ledger of money received: never edited or deleted.
  await tenantOwned(knex, 'event_payments', 'select, insert');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists event_events, event_payments, event_contracts, event_clients cascade;
    delete from history where action in ('sign','payment','close','import');
    alter table history drop constraint history_action_check;
    alter table history add constraint history_action_check
      check (action in ('create','update','delete','assign','unassign','upload','message','consent'));
  `);
}
