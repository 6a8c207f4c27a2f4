import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The register of personal data breaches (issue 15, GDPR art. 33 and 34, docs/adr/0025-breach-register.md):
 * one row per breach an organisation declared — what happened, when it started and when the organisation
 * became aware (the 72-hour clock starts then), the data and people concerned, the assessment and the
 * decisions (with their reasons: art. 33.5 documentation), the notifications to the CNIL (initial, then
 * complements), the communications to the people, and the escalations the process recorded.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gdpr_breaches', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.text('title').notNullable();
    t.specificType('nature', 'text[]').notNullable().defaultTo('{}');
    t.text('description').notNullable().defaultTo('');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('discovered_at', { useTz: true }).notNullable();
    t.specificType('data_categories', 'text[]').notNullable().defaultTo('{}');
    t.specificType('people_categories', 'text[]').notNullable().defaultTo('{}');
    t.integer('approx_people');
    t.integer('approx_records');
    t.text('consequences').notNullable().defaultTo('');
    t.text('measures_taken').notNullable().defaultTo('');
    t.text('measures_proposed').notNullable().defaultTo('');
    t.text('risk_level');
    t.text('authority_decision');
    t.text('authority_reason');
    t.text('people_decision');
    t.text('people_reason');
    t.specificType('contact_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.jsonb('notifications').notNullable().defaultTo('[]');
    t.jsonb('communications').notNullable().defaultTo('[]');
    t.jsonb('escalations').notNullable().defaultTo('[]');
    t.text('status').notNullable().defaultTo('declared');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['tenant_id', 'number']);
  });
  await knex.raw(`alter table gdpr_breaches add constraint gdpr_breaches_status check (status in ('declared', 'assessed', 'notified', 'documented', 'closed'))`);
  await knex.raw(`alter table gdpr_breaches add constraint gdpr_breaches_risk check (risk_level is null or risk_level in ('none', 'risk', 'high'))`);
  await knex.raw('create index gdpr_breaches_open on gdpr_breaches (tenant_id, status, discovered_at)');
  await tenantOwned(knex, 'gdpr_breaches', 'select, insert, update');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('gdpr_breaches');
}
