import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Transfers to third parties (issue 15, docs/adr/0030-transfers.md): the organisation's escrowed pseudonym key
 * (sealed by the secret box), the transfers its data protection officer declares (recipient, purpose, activity,
 * mode, the fields chosen, the sensitive fields allowed with their reasons), and each export made (who, when,
 * how many rows, the archive's checksum, what was done to each field).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gdpr_transfer_keys', (t) => {
    t.uuid('tenant_id').primary().references('id').inTable('tenants').onDelete('CASCADE');
    t.text('key_id').notNullable();
    // v1.<iv>.<tag>.<ciphertext>: 32 random bytes, base64.
    t.text('sealed').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await tenantOwned(knex, 'gdpr_transfer_keys', 'select, insert');

  await knex.schema.createTable('gdpr_transfers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.text('recipient_name').notNullable();
    t.text('recipient_country').notNullable();
    t.text('recipient_zone').notNullable();
    t.text('recipient_safeguard');
    t.text('purpose').notNullable();
    t.text('activity_key').notNullable();
    t.text('mode').notNullable();
    t.jsonb('tables').notNullable();
    t.jsonb('sensitive').notNullable().defaultTo('[]');
    t.uuid('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('version').notNullable().defaultTo(1);
  });
  await knex.raw(`
    alter table gdpr_transfers add constraint gdpr_transfers_mode check (mode in ('anonymise', 'pseudonymise'));
    alter table gdpr_transfers add constraint gdpr_transfers_zone check (recipient_zone in ('eu-eea', 'adequacy', 'third-country'));
    alter table gdpr_transfers add constraint gdpr_transfers_safeguard check (recipient_zone <> 'third-country' or coalesce(recipient_safeguard, '') <> '');
    create index gdpr_transfers_latest on gdpr_transfers (tenant_id, created_at desc);
  `);
  await tenantOwned(knex, 'gdpr_transfers', 'select, insert');

  await knex.schema.createTable('gdpr_transfer_exports', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.uuid('transfer_id').notNullable().references('id').inTable('gdpr_transfers').onDelete('CASCADE');
    t.uuid('exported_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('exported_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('rows').notNullable();
    t.text('sha256').notNullable();
    // What was done to each field (the manifest's lines): names and operators, no value.
    t.jsonb('fields').notNullable();
  });
  await knex.raw('create index gdpr_transfer_exports_transfer on gdpr_transfer_exports (tenant_id, transfer_id, exported_at desc)');
  await tenantOwned(knex, 'gdpr_transfer_exports', 'select, insert');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('gdpr_transfer_exports');
  await knex.schema.dropTable('gdpr_transfers');
  await knex.schema.dropTable('gdpr_transfer_keys');
}
