import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

const TRACKING = `
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,`;

/**
 * SoftWhere's deployments (spec 002 §6, issue 17, docs/adr/0044-telecom-deployments.md): the operational pivot
 * linking the study, the supplier, billing, the fleet and history. A deployment is numbered per organisation,
 * belongs to one account, names its lines (`line_ids`) and the quote of its study (billing, when there is one);
 * its process `telecom.study-deploy-bill-check` moves `status` (study → supplier → billing → check → fix → done,
 * or abandoned after its compensations). Its actions are ordered by `position`: supplier side (create-line,
 * modify-line, terminate-line, order-sim, change-options) then billing side (create-service, change-subscription,
 * add-option, add-hardware, add-fee); each has its state (pending, sent, waiting for an operator order, done,
 * failed, compensated), the vendor's references (order id, service id) and the last error.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table telecom_deployments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      account_id uuid not null,
      title text not null,
      status text not null default 'study'
        check (status in ('study', 'supplier', 'billing', 'check', 'fix', 'done', 'abandoned')),
      study_notes text,
      quote_id uuid,
      line_ids uuid[] not null default '{}',
      check_outcome jsonb,
      abandon_reason text,
      abandoned_at timestamptz,
      completed_at timestamptz,
      ${TRACKING}
      search_name text generated always as (f_unaccent(lower(title))) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete restrict,
      foreign key (tenant_id, quote_id) references billing_quotes(tenant_id, id) on delete set null (quote_id)
    );
    create index telecom_deployments_list on telecom_deployments (tenant_id, created_at, id);
    create index telecom_deployments_status on telecom_deployments (tenant_id, status, updated_at);
    create index telecom_deployments_account on telecom_deployments (tenant_id, account_id);
    create index telecom_deployments_lines on telecom_deployments using gin (line_ids);
    create index telecom_deployments_search_name_trgm on telecom_deployments using gin (search_name gin_trgm_ops);

    create table telecom_deployment_actions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      deployment_id uuid not null,
      position integer not null check (position >= 0),
      side text not null check (side in ('supplier', 'billing')),
      kind text not null check (kind in (
        'create-line', 'modify-line', 'terminate-line', 'order-sim', 'change-options',
        'create-service', 'change-subscription', 'add-option', 'add-hardware', 'add-fee')),
      line_id uuid,
      params jsonb not null default '{}',
      status text not null default 'pending'
        check (status in ('pending', 'sent', 'waiting', 'done', 'failed', 'compensated')),
      external_refs jsonb not null default '{}',
      error text,
      attempts integer not null default 0,
      done_at timestamptz,
      compensated_at timestamptz,
      ${TRACKING}
      unique (tenant_id, id),
      unique (tenant_id, deployment_id, position),
      check ((side = 'supplier') = (kind in ('create-line', 'modify-line', 'terminate-line', 'order-sim', 'change-options'))),
      foreign key (tenant_id, deployment_id) references telecom_deployments(tenant_id, id) on delete cascade,
      foreign key (tenant_id, line_id) references telecom_lines(tenant_id, id) on delete set null (line_id)
    );
    create index telecom_deployment_actions_deployment on telecom_deployment_actions (tenant_id, deployment_id, position);
    create index telecom_deployment_actions_line on telecom_deployment_actions (tenant_id, line_id) where line_id is not null;
    create index telecom_deployment_actions_order on telecom_deployment_actions (tenant_id, ((external_refs ->> 'orderId'))) where external_refs \\? 'orderId';
  `);
  for (const table of ['telecom_deployments', 'telecom_deployment_actions']) {
    await tenantOwned(knex, table);
    await knex.raw(`create trigger ${table}_touch before update on ${table} for each row execute function touch_updated_at()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists telecom_deployment_actions, telecom_deployments cascade');
}
