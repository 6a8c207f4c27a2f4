import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const AUDIT = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

/** Tables whose rows people edit: row-level security and `updated_at` kept by the database. */
const EDITED = [
  'planning_teams', 'psa_queues', 'psa_pipeline_stages', 'psa_opportunities', 'psa_interactions', 'business_calendars',
  'psa_sla_policies', 'psa_contracts', 'psa_machines', 'psa_tickets', 'psa_ticket_comments', 'psa_time_entries',
  'psa_technician_rates', 'psa_prebilling_items',
];

/**
 * The MSP's records (spec 003, issue 14): pipeline and opportunities, contracts and their hour
 * ledger, tickets with their SLA, time and timers, the pre-billing queue; teams (the core planning
 * context's, used by every vertical that assigns work) and business calendars (the tenant's
 * working hours and holidays that SLA clocks and planning count in).
 *
 * The hour ledger is the truth of a contract's balance: `psa_hour_movements` is written once
 * (select and insert only), and the trigger keeps `psa_contracts.remaining_minutes` equal to the
 * sum of its movements in the same transaction, whatever writes them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create extension if not exists btree_gist;

    create table planning_teams (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, name)
    );
    create table planning_team_members (
      tenant_id uuid not null references tenants(id) on delete cascade,
      team_id uuid not null,
      user_id uuid not null,
      primary key (tenant_id, team_id, user_id),
      foreign key (tenant_id, team_id) references planning_teams(tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
    );

    -- The tenant's working week and holidays; SLA clocks and capacity count business minutes in them.
    create table business_calendars (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      time_zone text not null default 'Europe/Paris',
      -- { "1": [["08:30","12:30"],["13:30","18:00"]], … "7": [] } by ISO weekday, local wall-clock times.
      weekly_hours jsonb not null,
      is_default boolean not null default false,
      ${AUDIT}
      unique (tenant_id, id)
    );
    create unique index business_calendars_default on business_calendars (tenant_id) where is_default;
    create table business_calendar_holidays (
      tenant_id uuid not null references tenants(id) on delete cascade,
      calendar_id uuid not null,
      day date not null,
      label text not null,
      primary key (tenant_id, calendar_id, day),
      foreign key (tenant_id, calendar_id) references business_calendars(tenant_id, id) on delete cascade
    );

    create table psa_queues (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, name)
    );

    create table psa_pipeline_stages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null,
      label_fr text not null,
      label_en text not null,
      position integer not null,
      default_probability integer not null default 0 check (default_probability between 0 and 100),
      outcome text not null default 'open' check (outcome in ('open', 'won', 'lost')),
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, key)
    );

    create table psa_opportunities (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      account_id uuid not null,
      contact_id uuid,
      title text not null,
      stage_id uuid not null,
      -- the order of cards inside a kanban column
      rank double precision not null default 0,
      amount_cents bigint not null default 0 check (amount_cents >= 0),
      probability integer not null default 0 check (probability between 0 and 100),
      expected_close_date date,
      owner_id uuid,
      quote_id uuid,
      contract_id uuid,
      lost_reason text,
      closed_at timestamptz,
      notes text,
      ${AUDIT}
      search_name text generated always as (f_unaccent(lower(title))) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete set null (contact_id),
      foreign key (tenant_id, stage_id) references psa_pipeline_stages(tenant_id, id) on delete restrict,
      foreign key (tenant_id, owner_id) references users(tenant_id, id) on delete set null (owner_id),
      foreign key (tenant_id, quote_id) references billing_quotes(tenant_id, id) on delete set null (quote_id)
    );
    create index psa_opportunities_board on psa_opportunities (tenant_id, stage_id, rank, id);
    create index psa_opportunities_account on psa_opportunities (tenant_id, account_id, created_at);
    create index psa_opportunities_list on psa_opportunities (tenant_id, created_at, id);

    -- The commercial journal of an account (calls, e-mails, notes, meetings, actions), with reminders.
    create table psa_interactions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      account_id uuid not null,
      opportunity_id uuid,
      contact_id uuid,
      kind text not null check (kind in ('call', 'email', 'note', 'meeting', 'action')),
      subject text not null,
      body text,
      occurred_at timestamptz not null default now(),
      author_id uuid,
      remind_at timestamptz,
      reminder_owner_id uuid,
      reminder_done_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, opportunity_id) references psa_opportunities(tenant_id, id) on delete cascade,
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete set null (contact_id)
    );
    create index psa_interactions_account on psa_interactions (tenant_id, account_id, occurred_at desc);
    create index psa_interactions_reminders on psa_interactions (tenant_id, reminder_owner_id, remind_at) where remind_at is not null and reminder_done_at is null;

    -- Response and resolution targets per priority, in business minutes of a calendar.
    create table psa_sla_policies (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      calendar_id uuid,
      -- { "low": { "responseMinutes": 480, "resolutionMinutes": 2400 }, "normal": …, "high": …, "critical": … }
      targets jsonb not null,
      -- percentages of a target at which the ticket escalates: [70, 90, 100]
      escalation_percents integer[] not null default '{70,90,100}',
      is_default boolean not null default false,
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, calendar_id) references business_calendars(tenant_id, id) on delete set null (calendar_id)
    );
    create unique index psa_sla_policies_default on psa_sla_policies (tenant_id) where is_default;

    create table psa_contracts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      account_id uuid not null,
      name text not null,
      type text not null check (type in ('hour-bank', 'subscription', 'time-and-material')),
      status text not null default 'active' check (status in ('draft', 'active', 'ended')),
      start_date date not null,
      end_date date,
      -- price of an hour outside the contract (and of every hour of a time-and-material contract)
      hourly_rate_cents integer not null default 0 check (hourly_rate_cents >= 0),
      -- hour bank: the size and price of the pack it sells (a renewal proposes the same)
      pack_minutes integer check (pack_minutes is null or pack_minutes > 0),
      pack_price_cents bigint check (pack_price_cents is null or pack_price_cents >= 0),
      -- hour bank: what the ledger holds (kept by psa_hour_movements_apply) and what was ever bought
      remaining_minutes integer not null default 0,
      purchased_minutes integer not null default 0,
      -- [{ "percent": 20 }, { "percent": 10 }, { "minutes": 120 }]
      alert_thresholds jsonb not null default '[]',
      subscription_id uuid,
      sla_policy_id uuid,
      opportunity_id uuid,
      quote_id uuid,
      account_manager_id uuid,
      client_contact_id uuid,
      notes text,
      ${AUDIT}
      search_name text generated always as (f_unaccent(lower(name))) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      check (end_date is null or end_date >= start_date),
      check (type <> 'hour-bank' or pack_minutes is not null),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, subscription_id) references billing_subscriptions(tenant_id, id) on delete set null (subscription_id),
      foreign key (tenant_id, sla_policy_id) references psa_sla_policies(tenant_id, id) on delete set null (sla_policy_id),
      foreign key (tenant_id, opportunity_id) references psa_opportunities(tenant_id, id) on delete set null (opportunity_id),
      foreign key (tenant_id, quote_id) references billing_quotes(tenant_id, id) on delete set null (quote_id),
      foreign key (tenant_id, account_manager_id) references users(tenant_id, id) on delete set null (account_manager_id),
      foreign key (tenant_id, client_contact_id) references contacts(tenant_id, id) on delete set null (client_contact_id)
    );
    create index psa_contracts_list on psa_contracts (tenant_id, created_at, id);
    create index psa_contracts_account on psa_contracts (tenant_id, account_id, status);
    alter table psa_opportunities add foreign key (tenant_id, contract_id) references psa_contracts(tenant_id, id) on delete set null (contract_id);

    create table psa_machines (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      account_id uuid not null,
      site_id uuid,
      hostname text not null,
      os_name text,
      cpu_model text,
      ram_total_mb integer,
      agent_version text,
      last_heartbeat_at timestamptz,
      last_inventory_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, site_id) references sites(tenant_id, id) on delete set null (site_id)
    );
    create index psa_machines_account on psa_machines (tenant_id, account_id, hostname);

    create table psa_tickets (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      account_id uuid not null,
      contact_id uuid,
      title text not null,
      description text,
      status text not null default 'open' check (status in ('open', 'in-progress', 'waiting', 'resolved', 'closed')),
      priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'critical')),
      source text not null default 'manual' check (source in ('manual', 'email', 'portal', 'rmm')),
      assignee_id uuid,
      team_id uuid,
      queue_id uuid,
      contract_id uuid,
      machine_id uuid,
      sla_policy_id uuid,
      -- the address that wrote in (an e-mail ticket) and the Message-ID of its first message (threading)
      requester_email text,
      thread_message_id text,
      -- SLA: deadlines as computed by the SLA process (null while paused), first reply, breaches
      response_due_at timestamptz,
      resolution_due_at timestamptz,
      first_response_at timestamptz,
      sla_paused_since timestamptz,
      sla_paused_minutes integer not null default 0,
      response_breached_at timestamptz,
      resolution_breached_at timestamptz,
      -- the last escalation level reached (70, 90, 100), for the list's chips
      sla_level integer,
      resolved_at timestamptz,
      closed_at timestamptz,
      -- approved time on the ticket and what of it is billable (kept by the time entries' approval)
      approved_minutes integer not null default 0,
      billable_amount_cents bigint not null default 0,
      ${AUDIT}
      search_name text generated always as (f_unaccent(lower(title))) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete set null (contact_id),
      foreign key (tenant_id, assignee_id) references users(tenant_id, id) on delete set null (assignee_id),
      foreign key (tenant_id, team_id) references planning_teams(tenant_id, id) on delete set null (team_id),
      foreign key (tenant_id, queue_id) references psa_queues(tenant_id, id) on delete set null (queue_id),
      foreign key (tenant_id, contract_id) references psa_contracts(tenant_id, id) on delete set null (contract_id),
      foreign key (tenant_id, machine_id) references psa_machines(tenant_id, id) on delete set null (machine_id),
      foreign key (tenant_id, sla_policy_id) references psa_sla_policies(tenant_id, id) on delete set null (sla_policy_id)
    );
    create index psa_tickets_list on psa_tickets (tenant_id, created_at, id);
    create index psa_tickets_status on psa_tickets (tenant_id, status, priority, created_at, id);
    create index psa_tickets_account on psa_tickets (tenant_id, account_id, created_at);
    create index psa_tickets_assignee on psa_tickets (tenant_id, assignee_id, status);
    create index psa_tickets_resolution_due on psa_tickets (tenant_id, resolution_due_at) where status not in ('resolved', 'closed');
    create unique index psa_tickets_thread on psa_tickets (tenant_id, thread_message_id) where thread_message_id is not null;
    create index psa_tickets_search_trgm on psa_tickets using gin (search_name gin_trgm_ops);

    -- What people write on a ticket: replies to the client (public) and internal notes, from the app, the portal or e-mail.
    create table psa_ticket_comments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null,
      author_id uuid,
      author_email text,
      visibility text not null default 'public' check (visibility in ('public', 'internal')),
      source text not null default 'web' check (source in ('web', 'portal', 'email')),
      body text not null,
      -- RFC 5322 Message-ID of the mail that brought it or carried it out (threading, idempotent intake)
      message_id text,
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete cascade
    );
    create index psa_ticket_comments_ticket on psa_ticket_comments (tenant_id, ticket_id, created_at);
    create unique index psa_ticket_comments_message on psa_ticket_comments (tenant_id, message_id) where message_id is not null;

    -- SLA escalations and breaches as they happened (the ticket's SLA process writes them once).
    create table psa_ticket_sla_events (
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null,
      target text not null check (target in ('response', 'resolution')),
      percent integer not null,
      occurred_at timestamptz not null default now(),
      primary key (tenant_id, ticket_id, target, percent),
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete cascade
    );

    -- What an hour of each technician costs the MSP and is sold at (time entries copy them when written).
    create table psa_technician_rates (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      user_id uuid not null,
      hourly_cost_cents integer not null check (hourly_cost_cents >= 0),
      hourly_rate_cents integer not null check (hourly_rate_cents >= 0),
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
    );

    create table psa_time_entries (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null,
      user_id uuid not null,
      started_at timestamptz not null default now(),
      minutes integer not null check (minutes between 1 and 1440),
      kind text not null check (kind in ('billable', 'non-billable', 'included', 'outside')),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'changes-requested')),
      description text,
      hourly_cost_cents integer not null default 0,
      hourly_rate_cents integer not null default 0,
      cost_cents bigint not null default 0,
      price_cents bigint not null default 0,
      -- at approval: the contract it was counted on, the minutes the hour bank covered and those billed outside it
      contract_id uuid,
      covered_minutes integer not null default 0,
      billed_minutes integer not null default 0,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      reviewed_by uuid,
      review_comment text,
      ${AUDIT}
      unique (tenant_id, id),
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete restrict,
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete restrict,
      foreign key (tenant_id, contract_id) references psa_contracts(tenant_id, id) on delete restrict
    );
    create index psa_time_entries_ticket on psa_time_entries (tenant_id, ticket_id, started_at);
    create index psa_time_entries_user on psa_time_entries (tenant_id, user_id, started_at desc);
    create index psa_time_entries_status on psa_time_entries (tenant_id, status, submitted_at);

    -- One running timer per person, kept by the server (it survives a closed laptop and shows on every device).
    create table psa_timers (
      tenant_id uuid not null references tenants(id) on delete cascade,
      user_id uuid not null,
      ticket_id uuid not null,
      started_at timestamptz not null default now(),
      note text,
      primary key (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade,
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete cascade
    );

    -- Every hour movement of a contract: + a purchased pack or an adjustment, − approved time, reversals.
    create table psa_hour_movements (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      contract_id uuid not null,
      kind text not null check (kind in ('purchase', 'consumption', 'reversal', 'adjustment')),
      minutes integer not null check (minutes <> 0),
      time_entry_id uuid,
      invoice_id uuid,
      reason text,
      created_by uuid,
      created_at timestamptz not null default now(),
      unique (tenant_id, id),
      check (kind <> 'purchase' or minutes > 0),
      check (kind <> 'consumption' or minutes < 0),
      foreign key (tenant_id, contract_id) references psa_contracts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, time_entry_id) references psa_time_entries(tenant_id, id) on delete restrict,
      foreign key (tenant_id, invoice_id) references billing_invoices(tenant_id, id) on delete restrict
    );
    create index psa_hour_movements_contract on psa_hour_movements (tenant_id, contract_id, created_at, id);
    -- an approved entry is deducted once (a correction reverses it and deducts again)
    create unique index psa_hour_movements_consumption on psa_hour_movements (tenant_id, time_entry_id, id) where time_entry_id is not null;

    create or replace function psa_hour_movements_apply() returns trigger language plpgsql as $f$
    begin
      update psa_contracts set
        remaining_minutes = remaining_minutes + new.minutes,
        purchased_minutes = purchased_minutes + case when new.kind = 'purchase' then new.minutes else 0 end,
        updated_at = now()
      where tenant_id = new.tenant_id and id = new.contract_id;
      return new;
    end $f$;
    create trigger psa_hour_movements_apply after insert on psa_hour_movements for each row execute function psa_hour_movements_apply();

    -- Thresholds of an hour bank crossed, once per purchased pack (sequence = the number of purchases so far).
    create table psa_contract_alerts (
      tenant_id uuid not null references tenants(id) on delete cascade,
      contract_id uuid not null,
      threshold text not null,
      pack_sequence integer not null,
      remaining_minutes integer not null,
      renewal_quote_id uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, contract_id, threshold, pack_sequence),
      foreign key (tenant_id, contract_id) references psa_contracts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, renewal_quote_id) references billing_quotes(tenant_id, id) on delete set null (renewal_quote_id)
    );

    -- Closed tickets' time not covered by a contract, waiting to be invoiced (spec 003 §6.3).
    create table psa_prebilling_items (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null,
      account_id uuid not null,
      status text not null default 'pending' check (status in ('pending', 'invoiced', 'excluded')),
      minutes integer not null check (minutes >= 0),
      amount_cents bigint not null check (amount_cents >= 0),
      invoice_id uuid,
      invoiced_at timestamptz,
      ${AUDIT}
      unique (tenant_id, id),
      unique (tenant_id, ticket_id),
      check ((status = 'invoiced') = (invoice_id is not null)),
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete restrict,
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, invoice_id) references billing_invoices(tenant_id, id) on delete restrict
    );
    create index psa_prebilling_items_pending on psa_prebilling_items (tenant_id, status, created_at, id);
  `);
  for (const table of EDITED) {
    await tenantOwned(knex, table);
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
  for (const table of ['planning_team_members', 'business_calendar_holidays', 'psa_ticket_sla_events', 'psa_timers']) await tenantOwned(knex, table);
  // Written once: a movement or an alert is never changed nor removed (a reversal is a new movement).
  await tenantOwned(knex, 'psa_hour_movements', 'select, insert');
  await tenantOwned(knex, 'psa_contract_alerts', 'select, insert, update');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists psa_prebilling_items, psa_contract_alerts, psa_hour_movements, psa_timers, psa_time_entries,
      psa_technician_rates, psa_ticket_sla_events, psa_ticket_comments, psa_tickets, psa_machines, psa_contracts,
      psa_sla_policies, psa_interactions, psa_opportunities, psa_pipeline_stages, psa_queues, business_calendar_holidays,
      business_calendars, planning_team_members, planning_teams cascade;
    drop function if exists psa_hour_movements_apply();
  `);
}
