import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The register of rights requests (issue 15, GDPR art. 12 and 15 to 21, docs/adr/0023-rights-requests.md):
 * one row per request a person made about their data — its kind, who it is about (a data subject's kind and
 * id), who made it (the person, or someone on their behalf), how their identity was verified, when it was
 * received and by when it must be answered (one month, extended once by two months with a reason), its
 * status and the answer. The process `gdpr.rights-request` follows it (tasks, reminders before the deadline).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gdpr_requests', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.text('kind').notNullable();
    t.text('subject_kind').notNullable();
    t.text('subject_id').notNullable();
    // What named the person when the request was received (the list shows it; erased with them).
    t.text('subject_label').notNullable();
    t.text('requester_name').notNullable();
    t.text('requester_email');
    t.text('requester_relation').notNullable().defaultTo('self');
    // The signed-in person who filed it (« Mes données »), or the collaborator who recorded it.
    t.uuid('requester_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.text('details').notNullable().defaultTo('');
    t.text('identity_method');
    t.timestamp('identity_verified_at', { useTz: true });
    t.uuid('identity_verified_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('extended_at', { useTz: true });
    t.text('extension_reason');
    t.text('status').notNullable().defaultTo('received');
    t.text('answer');
    t.text('refusal_reason');
    t.timestamp('answered_at', { useTz: true });
    t.uuid('answered_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['tenant_id', 'number']);
  });
  await knex.raw(`
    alter table gdpr_requests
      add constraint gdpr_requests_kind check (kind in ('access', 'erasure', 'portability', 'rectification', 'objection')),
      add constraint gdpr_requests_status check (status in ('received', 'verifying', 'in-progress', 'answered', 'refused')),
      add constraint gdpr_requests_relation check (requester_relation in ('self', 'representative')),
      add constraint gdpr_requests_identity check (identity_method is null or identity_method in ('signed-in', 'id-document', 'known-address', 'in-person', 'other')),
      add constraint gdpr_requests_refused check (status <> 'refused' or refusal_reason is not null),
      add constraint gdpr_requests_extended check ((extended_at is null) = (extension_reason is null));
    create index gdpr_requests_open on gdpr_requests (tenant_id, status, due_at);
    create index gdpr_requests_subject on gdpr_requests (tenant_id, subject_kind, subject_id);
  `);
  await tenantOwned(knex, 'gdpr_requests', 'select, insert, update');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('gdpr_requests');
}
