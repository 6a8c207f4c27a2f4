import type { Knex } from 'knex';
import { refused } from '../../../integrations/port-errors';
import { invoicePeriod, type OperatorInvoiceLine } from '../../../integrations/operators/operator.port';

/**
 * The sandbox operator's monthly invoice (ADR 0042): one line per plan and per option of every line in
 * service some day of the month (suspended lines are billed too, as operators do), at the sandbox's price
 * list — so a price the operator changed, or a line it still has while Relais terminated it, shows in the
 * billing control as it would with a real operator. Whole months, never prorated.
 */
export async function sandboxInvoiceLines(trx: Knex.Transaction, operatorKey: string, period: string): Promise<OperatorInvoiceLine[]> {
  if (!invoicePeriod.safeParse(period).success) throw refused('bad-period', `Période invalide : ${period} (AAAA-MM attendu).`, `Invalid period: ${period} (YYYY-MM expected).`, 400);
  const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(`
    with bounds as (select to_date(?, 'YYYY-MM') as first, (to_date(?, 'YYYY-MM') + interval '1 month' - interval '1 day')::date as last)
    select l.id, l.number, x.code, coalesce(p.label, x.code) as label, coalesce(p.monthly_cents, 0) as cents, x.ord,
           to_char(b.first, 'YYYY-MM-DD') as pstart, to_char(b.last, 'YYYY-MM-DD') as pend
      from telecom_sandbox_lines l
      cross join bounds b
      cross join lateral (select l.product_code as code, 0 as ord union all select unnest(l.option_codes), 1) x
      left join telecom_sandbox_products p on p.tenant_id = l.tenant_id and p.operator_key = l.operator_key and p.code = x.code
     where l.operator_key = ? and l.activated_on <= b.last and (l.terminated_on is null or l.terminated_on >= b.first)
     order by l.id, x.ord, x.code`, [period, period, operatorKey]);
  const invoiceRef = `${operatorKey.toUpperCase()}-${period.replace('-', '')}`;
  return rows.map((r) => ({
    invoiceRef, operatorLineId: String(r.id), number: (r.number as string | null) ?? null, productCode: String(r.code), label: String(r.label),
    periodStart: String(r.pstart), periodEnd: String(r.pend), quantity: 1, amountCents: Number(r.cents),
  }));
}
