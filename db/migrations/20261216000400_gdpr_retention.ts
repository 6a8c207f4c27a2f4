import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * Retention (issue 15, docs/adr/0026-retention.md): the legal holds that suspend it (on a record, on a
 * person, on a whole processing activity; lifted, never deleted), the report of each daily run (counts per
 * table and activity, per organisation), and the rows the anonymiser has done (a second pass leaves them).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gdpr_legal_holds', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.text('scope').notNullable();
    t.text('activity_key');
    t.text('table_name');
    t.uuid('record_id');
    t.text('subject_kind');
    t.uuid('subject_id');
    t.text('reason').notNullable();
    t.date('until');
    t.uuid('placed_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('placed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('lifted_at', { useTz: true });
    t.uuid('lifted_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
  });
  await knex.raw(`
    alter table gdpr_legal_holds add constraint gdpr_legal_holds_target check (
      (scope = 'record' and table_name is not null and record_id is not null)
      or (scope = 'subject' and subject_kind is not null and subject_id is not null)
      or (scope = 'activity' and activity_key is not null));
    create index gdpr_legal_holds_active on gdpr_legal_holds (tenant_id, scope) where lifted_at is null;
  `);
  await tenantOwned(knex, 'gdpr_legal_holds', 'select, insert, update');

  await knex.schema.createTable('gdpr_retention_runs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.text('run_id').notNullable();
    t.date('today').notNullable();
    t.jsonb('tables').notNullable().defaultTo('[]');
    t.integer('anonymised').notNullable().defaultTo(0);
    t.integer('deleted').notNullable().defaultTo(0);
    t.integer('held').notNullable().defaultTo(0);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.unique(['tenant_id', 'run_id']);
  });
  await knex.raw('create index gdpr_retention_runs_latest on gdpr_retention_runs (tenant_id, started_at desc)');
  await tenantOwned(knex, 'gdpr_retention_runs', 'select, insert, update');

  await knex.schema.createTable('gdpr_anonymised_rows', (t) => {
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
    t.text('table_name').notNullable();
    // Text: a table's ids are uuids or numbers (the history's).
    t.text('row_id').notNullable();
    t.text('reason').notNullable();
    t.text('run_id');
    t.timestamp('anonymised_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'table_name', 'row_id']);
  });
  await knex.raw(`alter table gdpr_anonymised_rows add constraint gdpr_anonymised_rows_reason check (reason in ('retention', 'erasure'))`);
  await tenantOwned(knex, 'gdpr_anonymised_rows', 'select, insert, delete');

  // The run goes through every organisation, which the application role cannot list: this answers their ids only.
  await knex.raw(`
    create or replace function gdpr_retention_tenants() returns setof uuid
      language sql stable security definer set search_path = public as $f$
        select id from tenants order by id
      $f$;
    revoke all on function gdpr_retention_tenants() from public;
    grant execute on function gdpr_retention_tenants() to relais_app;

    -- The history stays append-only for the application (no update, no delete): its changes are erased,
    -- and entries past their retention deleted, by these two only, within the caller's organisation.
    create or replace function gdpr_erase_history_changes(p_ids bigint[]) returns integer
      language sql volatile security definer set search_path = public as $f$
        with done as (update history set changes = '{}'::jsonb where tenant_id = app_tenant_id() and id = any (p_ids) returning 1)
        select count(*)::int from done
      $f$;
    create or replace function gdpr_delete_history(p_ids bigint[]) returns integer
      language sql volatile security definer set search_path = public as $f$
        with done as (delete from history where tenant_id = app_tenant_id() and id = any (p_ids) returning 1)
        select count(*)::int from done
      $f$;
    revoke all on function gdpr_erase_history_changes(bigint[]), gdpr_delete_history(bigint[]) from public;
    grant execute on function gdpr_erase_history_changes(bigint[]), gdpr_delete_history(bigint[]) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists gdpr_retention_tenants(); drop function if exists gdpr_erase_history_changes(bigint[]); drop function if exists gdpr_delete_history(bigint[])');
  await knex.schema.dropTable('gdpr_anonymised_rows');
  await knex.schema.dropTable('gdpr_retention_runs');
  await knex.schema.dropTable('gdpr_legal_holds');
}
