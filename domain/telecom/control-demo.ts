import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { previousPeriod } from './control-rules';
import { currentPeriod, recordControlRun } from './control-runs';

/**
 * SoftWhere's billing control demo (issue 17): the operators' invoices of the last three months, built
 * from the demo's lines at their catalogue purchase prices (set-based: a few thousand lines in one
 * statement per month), with seeded anomalies of both kinds — six terminated lines still on the
 * operator's invoice and eight lines invoiced above the catalogue — then the three months controlled in
 * order. Half of each kind disappears from the invoices after the first month: the next run resolves
 * them (money recovered, in that month's report); the others stay open. Idempotent: nothing is done once
 * the organisation has supplier invoices.
 */
export async function seedControlDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    if (await trx('telecomSupplierInvoices').first('id')) return;
    if (!(await trx('telecomLines').first('id'))) return;
    const current = currentPeriod();
    const periods = [previousPeriod(previousPeriod(previousPeriod(current))), previousPeriod(previousPeriod(current)), previousPeriod(current)];
    const firstDay = `${periods[0]}-01`;
    // Seeded anomalies: lines terminated before the first month, and live lines whose plan the operator overcharges.
    const terminated: string[] = (await trx('telecomLines').where('status', 'terminated').where('terminatedOn', '<=', firstDay)
      .whereNotNull('planId').orderBy('number').limit(6).pluck('id'));
    const overcharged: string[] = (await trx('telecomLines').where('status', 'active').where('activatedOn', '<=', firstDay).whereNotNull('planId')
      .orderBy('number', 'desc').limit(8).pluck('id'));
    const fixedAfterFirst = new Set([...terminated.slice(0, 3), ...overcharged.slice(0, 4)]);
    for (const [index, period] of periods.entries()) {
      const seededTerminated = index === 0 ? terminated : terminated.filter((id) => !fixedAfterFirst.has(id));
      const seededGaps = index === 0 ? overcharged : overcharged.filter((id) => !fixedAfterFirst.has(id));
      await seedMonth(trx, tenant.tenantId, period, seededTerminated, seededGaps);
      await recordControlRun(trx, tenant.tenantId, { period, trigger: 'demo', startedBy: null, billed: {} });
      // What a run resolved was resolved that month (the report of the month shows the money recovered).
      await trx('telecomAnomalies').where('status', 'resolved').whereNull('resolvedBy').whereRaw("resolved_at > (?::date + interval '1 month')", [`${period}-01`])
        .update({ resolvedAt: trx.raw("(?::date + interval '1 month' - interval '1 day' + interval '18 hours')", [`${period}-01`]) });
    }
  }, admin);
}

/**
 * One month's invoice per operator: every line live that month, its plan and options at the catalogue's
 * purchase price; the seeded terminated lines billed again at their plan's price; the seeded gaps 1,50 €
 * (an old tariff) above it.
 */
async function seedMonth(trx: Knex.Transaction, tenantId: string, period: string, terminated: string[], gaps: string[]): Promise<void> {
  const start = `${period}-01`;
  await trx.raw(`
    with live as (
      select l.id, l.operator_key, l.number, l.operator_refs ->> 'lineId' as operator_line_id, l.plan_id, l.option_ids
        from telecom_lines l
       where (l.status in ('active', 'suspended') and l.activated_on <= ?::date) or l.id in (select jsonb_array_elements_text(?::jsonb)::uuid)
    ), items as (
      select live.*, live.plan_id as item_id, true as is_plan from live where live.plan_id is not null
      union all
      select live.*, o.item_id, false from live cross join lateral unnest(live.option_ids) as o(item_id)
    ), priced as (
      select i.operator_key, i.number, i.operator_line_id, o.operator_product_code as product_code,
             c.purchase_price_cents + case when i.is_plan and i.id in (select jsonb_array_elements_text(?::jsonb)::uuid) then 150 else 0 end as amount_cents
        from items i
        join telecom_offers o on o.catalogue_item_id = i.item_id
        join catalogue_items c on c.id = i.item_id
       where c.purchase_price_cents is not null
    ), invoices as (
      insert into telecom_supplier_invoices (tenant_id, operator_key, period, reference, source, file_name, row_count, total_cents)
      select ?, operator_key, ?, 'FAC-' || upper(operator_key) || '-' || replace(?, '-', ''), 'csv', 'facture-' || operator_key || '-' || ? || '.csv', count(*), sum(amount_cents)
        from priced group by operator_key
      returning id, operator_key
    )
    insert into telecom_supplier_invoice_lines (tenant_id, invoice_id, row_number, number, operator_line_id, product_code, period, amount_cents)
    select ?, v.id, row_number() over (partition by v.id order by p.number, p.product_code), p.number, p.operator_line_id, p.product_code, ?, p.amount_cents
      from priced p join invoices v on v.operator_key = p.operator_key
  `, [start, JSON.stringify(terminated), JSON.stringify(gaps), tenantId, period, period, period, tenantId, period]);
}
