import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The MSP's inbound mail (issue 14, spec 003 §2.3): every mail the intake server accepts is written
 * here BEFORE it answers 250 (raw bytes, size-capped by the server), then turned into a ticket or a
 * comment by `domain/psa/mail-intake.ts`, once per Message-ID (unique per organisation: a duplicate
 * delivery finds the row and changes nothing). A mail whose sender matches no client stays here as
 * `unknown-sender` for a manager to triage (assign to a client, or discard): nothing is lost, nothing
 * lands on a random account.
 *
 * The intake process runs as the application role and knows no tenant until it reads the recipient:
 * `psa_mail_intake_tenant(slug)` answers the organisation with the psa vertical for that slug, and
 * `tenants_with_inbound_mail()` the organisations with mail still to process (ids only).
 *
 * `messages.mail_headers` lets an outgoing mail answer another (In-Reply-To, References, Reply-To):
 * a technician's reply to an e-mail ticket threads in the client's mailbox, and the client's answer
 * comes back to the intake address.
 *
 * `psa_tickets.alert_key`: the check an RMM alert ticket is about (the RMM's place, alert-intake.ts);
 * one ticket still being worked on per machine and check, so a repeated alert comments instead.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table psa_inbound_mails (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      -- RFC 5322 Message-ID as written (<…>), or <sha256@relais.inbound> of the raw bytes when the mail has none
      message_id text not null,
      envelope_from text,
      envelope_to text not null,
      raw bytea not null,
      size_bytes integer not null check (size_bytes >= 0),
      received_at timestamptz not null default now(),
      status text not null default 'received'
        check (status in ('received', 'ticket', 'comment', 'unknown-sender', 'discarded', 'failed')),
      -- read from the mail when it is processed (the triage list shows them)
      sender_email text,
      sender_name text,
      subject text,
      excerpt text,
      account_id uuid,
      ticket_id uuid,
      comment_id uuid,
      attempts integer not null default 0,
      last_error text,
      processed_at timestamptz,
      triaged_by uuid,
      unique (tenant_id, id),
      unique (tenant_id, message_id),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete set null (account_id),
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete set null (ticket_id),
      foreign key (tenant_id, triaged_by) references users(tenant_id, id) on delete set null (triaged_by)
    );
    create index psa_inbound_mails_status on psa_inbound_mails (tenant_id, status, received_at, id);

    create or replace function psa_mail_intake_tenant(p_slug text) returns uuid
      language sql stable security definer set search_path = public as $f$
        select id from tenants where slug = lower(p_slug) and 'psa' = any (verticals)
      $f$;
    revoke all on function psa_mail_intake_tenant(text) from public;
    grant execute on function psa_mail_intake_tenant(text) to relais_app;

    create or replace function tenants_with_inbound_mail() returns setof uuid
      language sql stable security definer set search_path = public as $f$
        select distinct tenant_id from psa_inbound_mails where status = 'received' order by tenant_id
      $f$;
    revoke all on function tenants_with_inbound_mail() from public;
    grant execute on function tenants_with_inbound_mail() to relais_app;

    alter table messages add column mail_headers jsonb;

    -- An RMM alert's check on a machine (domain/psa/alert-intake.ts): one ticket still being worked on per machine and check.
    alter table psa_tickets add column alert_key text;
    create unique index psa_tickets_open_alert on psa_tickets (tenant_id, machine_id, alert_key)
      where alert_key is not null and status not in ('resolved', 'closed');
  `);
  await tenantOwned(knex, 'psa_inbound_mails', 'select, insert, update');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists psa_tickets_open_alert;
    alter table psa_tickets drop column if exists alert_key;
    alter table messages drop column if exists mail_headers;
    drop function if exists tenants_with_inbound_mail();
    drop function if exists psa_mail_intake_tenant(text);
    drop table if exists psa_inbound_mails;
  `);
}
