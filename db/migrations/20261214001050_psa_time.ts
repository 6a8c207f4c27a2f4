import type { Knex } from 'knex';

/**
 * Time and pre-billing (issue 14, helper 5): the pre-billing queue fed by the database itself.
 *
 * A closed ticket's pending pre-billing item holds what of its approved billed time (entries'
 * `billed_minutes`, priced each at its `hourly_rate_cents`, rounded to the cent) is not yet in an
 * invoiced or excluded item: `psa_prebilling_feed` recomputes it. A trigger calls it whenever a
 * ticket is closed or reopened (whoever changes the status: the API, a process); the time
 * entries' approval and correction call it in their transaction (domain/psa/time-entries.ts). So
 * time approved after the ticket closed joins the queue, and a ticket invoiced then given more
 * approved time gets a new pending item for the rest only: one pending item per ticket (the
 * unique index), any number of invoiced or excluded ones. Reopening a ticket withdraws its
 * pending item; closing it again brings it back.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table psa_prebilling_items drop constraint psa_prebilling_items_tenant_id_ticket_id_key;
    create unique index psa_prebilling_items_pending_ticket on psa_prebilling_items (tenant_id, ticket_id) where status = 'pending';
    create index psa_prebilling_items_ticket on psa_prebilling_items (tenant_id, ticket_id);
    alter table psa_prebilling_items add column excluded_reason text;
    alter table psa_prebilling_items add constraint psa_prebilling_items_excluded_reason check ((status = 'excluded') = (excluded_reason is not null));
    create index psa_time_entries_approved_ticket on psa_time_entries (tenant_id, ticket_id) where status = 'approved';

    create or replace function psa_prebilling_feed(p_tenant uuid, p_ticket uuid) returns void language plpgsql as $f$
    declare
      ticket record;
      billed_minutes bigint;
      billed_amount bigint;
      done_minutes bigint;
      done_amount bigint;
    begin
      select account_id, status into ticket from psa_tickets where tenant_id = p_tenant and id = p_ticket;
      if not found then return; end if;
      if ticket.status <> 'closed' then
        delete from psa_prebilling_items where tenant_id = p_tenant and ticket_id = p_ticket and status = 'pending';
        return;
      end if;
      select coalesce(sum(e.billed_minutes), 0), coalesce(sum(round(e.billed_minutes * e.hourly_rate_cents / 60.0)), 0) into billed_minutes, billed_amount
        from psa_time_entries e where e.tenant_id = p_tenant and e.ticket_id = p_ticket and e.status = 'approved';
      select coalesce(sum(i.minutes), 0), coalesce(sum(i.amount_cents), 0) into done_minutes, done_amount
        from psa_prebilling_items i where i.tenant_id = p_tenant and i.ticket_id = p_ticket and i.status <> 'pending';
      if billed_minutes - done_minutes <= 0 and billed_amount - done_amount <= 0 then
        delete from psa_prebilling_items where tenant_id = p_tenant and ticket_id = p_ticket and status = 'pending';
        return;
      end if;
      insert into psa_prebilling_items as i (tenant_id, ticket_id, account_id, minutes, amount_cents)
      values (p_tenant, p_ticket, ticket.account_id, greatest(billed_minutes - done_minutes, 0), greatest(billed_amount - done_amount, 0))
      on conflict (tenant_id, ticket_id) where status = 'pending' do update
        set minutes = excluded.minutes, amount_cents = excluded.amount_cents, account_id = excluded.account_id, version = i.version + 1
        where (i.minutes, i.amount_cents, i.account_id) is distinct from (excluded.minutes, excluded.amount_cents, excluded.account_id);
    end $f$;

    create or replace function psa_tickets_prebilling() returns trigger language plpgsql as $f$
    begin
      perform psa_prebilling_feed(new.tenant_id, new.id);
      return null;
    end $f$;
    create trigger psa_tickets_prebilling after update of status on psa_tickets for each row
      when (old.status is distinct from new.status and (old.status = 'closed' or new.status = 'closed'))
      execute function psa_tickets_prebilling();

  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists psa_tickets_prebilling on psa_tickets;
    drop function if exists psa_tickets_prebilling(), psa_prebilling_feed(uuid, uuid);
    drop index if exists psa_time_entries_approved_ticket;
    alter table psa_prebilling_items drop constraint if exists psa_prebilling_items_excluded_reason;
    alter table psa_prebilling_items drop column if exists excluded_reason;
    drop index if exists psa_prebilling_items_ticket;
    drop index if exists psa_prebilling_items_pending_ticket;
    alter table psa_prebilling_items add constraint psa_prebilling_items_tenant_id_ticket_id_key unique (tenant_id, ticket_id);
  `);
}
