import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * The register of processing activities (issue 15, docs/adr/0022): one row per tenant and activity the
 * data protection officer has edited. An activity without a row reads as its module declares it
 * (domain/gdpr/register.ts); a row holds the whole entry as the organisation wrote it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gdpr_register_entries', (t) => {
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.text('activity_key').notNullable();
    t.jsonb('entry').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'activity_key']);
  });
  await tenantOwned(knex, 'gdpr_register_entries', 'select, insert, update');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('gdpr_register_entries');
}
