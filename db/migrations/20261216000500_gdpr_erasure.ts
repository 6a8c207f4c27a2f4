import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Erasure with an undo window (issue 15, docs/adr/0027-erasure.md): before a person's columns are
 * anonymised, the values that change are sealed (secret box, AES-256-GCM bound to the organisation and
 * the request) in `gdpr_erasure_snapshots`; the data protection officer may undo until `undo_until`, after
 * which the snapshot row is deleted. The request keeps its report (counts, legal exceptions) and its dates.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gdpr_erasure_snapshots', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.uuid('request_id').notNullable().references('id').inTable('gdpr_requests').onDelete('CASCADE');
    // v1.<iv>.<tag>.<ciphertext>: the original values, table → row id → column → value.
    t.text('sealed').notNullable();
    t.timestamp('erased_at', { useTz: true }).notNullable();
    t.timestamp('undo_until', { useTz: true }).notNullable();
    t.unique(['tenant_id', 'request_id']);
  });
  await tenantOwned(knex, 'gdpr_erasure_snapshots', 'select, insert, delete');
  await knex.schema.alterTable('gdpr_requests', (t) => {
    t.jsonb('erasure_report');
    t.timestamp('erased_at', { useTz: true });
    t.timestamp('erasure_undo_until', { useTz: true });
    t.timestamp('erasure_undone_at', { useTz: true });
    t.timestamp('erasure_snapshot_destroyed_at', { useTz: true });
  });
  // The history stays append-only for the application: an undo writes its entries' changes back through this only.
  await knex.raw(`
    create or replace function gdpr_restore_history_changes(p_values jsonb) returns integer
      language sql volatile security definer set search_path = public as $f$
        with done as (
          update history h set changes = v.changes
            from jsonb_to_recordset(p_values) as v(id bigint, changes jsonb)
            where h.tenant_id = app_tenant_id() and h.id = v.id returning 1)
        select count(*)::int from done
      $f$;
    revoke all on function gdpr_restore_history_changes(jsonb) from public;
    grant execute on function gdpr_restore_history_changes(jsonb) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists gdpr_restore_history_changes(jsonb)');
  await knex.schema.alterTable('gdpr_requests', (t) => {
    t.dropColumns('erasure_report', 'erased_at', 'erasure_undo_until', 'erasure_undone_at', 'erasure_snapshot_destroyed_at');
  });
  await knex.schema.dropTable('gdpr_erasure_snapshots');
}
