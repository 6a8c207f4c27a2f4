import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Attachments of inbound mail kept on their ticket (issue 14, ADR 0019): the file is a core
 * `documents` row on the ticket's client (the platform's one document store: bytes through the
 * storage port, name, type, size, SHA-256), and this row links it to the ticket and to the comment
 * the mail became (null for the mail that opened the ticket). The ticket's timeline lists them; their
 * bytes are read through `GET /api/v1/documents/{id}/content` under the document's own permissions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table psa_ticket_attachments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null,
      comment_id uuid references psa_ticket_comments(id) on delete cascade,
      document_id uuid not null references documents(id) on delete cascade,
      inbound_mail_id uuid,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, ticket_id) references psa_tickets(tenant_id, id) on delete cascade,
      foreign key (tenant_id, inbound_mail_id) references psa_inbound_mails(tenant_id, id) on delete set null (inbound_mail_id)
    );
    create index psa_ticket_attachments_ticket on psa_ticket_attachments (tenant_id, ticket_id, created_at);
    create unique index psa_ticket_attachments_document on psa_ticket_attachments (document_id);
  `);
  await tenantOwned(knex, 'psa_ticket_attachments', 'select, insert, delete');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists psa_ticket_attachments');
}
