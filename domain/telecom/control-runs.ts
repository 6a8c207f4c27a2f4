import type { Knex } from 'knex';
import { todayInParis } from '../billing/days';
import { runControls, type BilledService, type ControlFacts, type ControlLine, type ControlOffer, type Finding, type InvoiceRow } from './control-rules';

type Row = Record<string, unknown>;

/** What the billing system answers through its port (integrations/billing-systems/billing-system.port.ts), as far as the control reads it. */
export interface PortBilledService {
  serviceId: string;
  parentServiceId: string | null;
  kind: string;
  amountCents: number;
  cancelledOn?: string | null;
}

/**
 * A month's billed services per line's service: a subscription and its options add up under the
 * subscription's id (a line's `billing_refs.serviceId`); hardware and one-off fees are not monthly and
 * are left aside, as is a service cancelled on the month's first day.
 */
export function billedPerService(services: readonly PortBilledService[], period: string): BilledService[] {
  const totals = new Map<string, number>();
  for (const s of services) {
    // A service cancelled on the month's first day bills nothing of it.
    if ((s.kind !== 'subscription' && s.kind !== 'option') || (s.cancelledOn && s.cancelledOn <= `${period}-01`)) continue;
    const key = s.parentServiceId ?? s.serviceId;
    totals.set(key, (totals.get(key) ?? 0) + s.amountCents);
  }
  return [...totals].map(([serviceId, amountCents]) => ({ serviceId, amountCents }));
}

/** This month (Paris), `YYYY-MM`. */
export function currentPeriod(now = new Date()): string {
  return todayInParis(now).slice(0, 7);
}

const day = (v: unknown) => (v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : v ? String(v).slice(0, 10) : null);

/** The billing systems the organisation's lines are billed by (`billing_refs.system`), to ask each what it billed. */
export async function billingSystemsInUse(trx: Knex.Transaction): Promise<string[]> {
  const rows: Row[] = await trx('telecomLines').whereRaw("billing_refs ->> 'system' is not null").distinct(trx.raw("billing_refs ->> 'system' as system"));
  return rows.map((r) => String(r.system)).filter((s) => /^[a-z0-9][a-z0-9-]{0,39}$/.test(s)).sort();
}

/** The facts of one period read from the database (the billing systems' answers are the caller's: they are I/O). */
export async function loadControlFacts(trx: Knex.Transaction, period: string, billed: BilledService[] | null): Promise<ControlFacts> {
  const lineRows: Row[] = await trx('telecomLines').select('id', 'accountId', 'number', 'operatorKey', 'status', 'activatedOn', 'terminatedOn', 'planId', 'optionIds',
    trx.raw("operator_refs ->> 'lineId' as operator_line_id"), trx.raw("billing_refs ->> 'serviceId' as billing_service_id"));
  const lines: ControlLine[] = lineRows.map((r) => ({
    id: String(r.id), accountId: String(r.accountId), number: (r.number as string | null) ?? null, operatorKey: String(r.operatorKey),
    operatorLineId: (r.operatorLineId as string | null) ?? null, status: r.status as ControlLine['status'], activatedOn: day(r.activatedOn), terminatedOn: day(r.terminatedOn),
    planId: (r.planId as string | null) ?? null, optionIds: (r.optionIds as string[] | null) ?? [], billingServiceId: (r.billingServiceId as string | null) ?? null,
  }));
  const offerRows: Row[] = await trx('telecomOffers as o').join('catalogueItems as c', 'c.id', 'o.catalogueItemId')
    .select('o.catalogueItemId', 'o.operatorKey', 'o.operatorProductCode', 'c.purchasePriceCents');
  const offers: ControlOffer[] = offerRows.map((r) => ({
    catalogueItemId: String(r.catalogueItemId), operatorKey: String(r.operatorKey), operatorProductCode: (r.operatorProductCode as string | null) ?? null,
    purchasePriceCents: r.purchasePriceCents === null || r.purchasePriceCents === undefined ? null : Number(r.purchasePriceCents),
  }));
  const invoiceRows: InvoiceRow[] = (await trx('telecomSupplierInvoiceLines as l').join('telecomSupplierInvoices as i', 'i.id', 'l.invoiceId').where('l.period', period)
    .select('i.operatorKey', 'l.number', 'l.operatorLineId', 'l.productCode', 'l.amountCents') as Row[])
    .map((r) => ({ operatorKey: String(r.operatorKey), number: (r.number as string | null) ?? null, operatorLineId: (r.operatorLineId as string | null) ?? null, productCode: String(r.productCode), amountCents: Number(r.amountCents) }));
  return { period, lines, offers, billed, invoiceRows };
}

export interface ControlRunInput {
  period: string;
  trigger: 'schedule' | 'manual' | 'demo';
  startedBy: string | null;
  /** Each billing system's answer for the period, null for one that could not be asked. */
  billed: Record<string, PortBilledService[] | null>;
}

export interface ControlRunSummary {
  id: string;
  period: string;
  trigger: string;
  status: string;
  found: number;
  opened: number;
  resolved: number;
  billingSystemsChecked: number;
  invoiceRowsChecked: number;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Runs the two controls over a period and records what they found, in the caller's transaction (the
 * anomalies' one write path from a run):
 * - each finding upserts its anomaly (kind, line, subject): new → open; known → its amounts and
 *   `last_seen_period` follow the latest period seen, `since` the earliest; a resolved anomaly found again
 *   in a later period than it was last seen reopens; a dismissed one stays dismissed;
 * - an open or fixing anomaly the run's sources no longer show for this period (or a later one than it
 *   was last seen) is resolved by the run, one month's loss counted as recovered.
 * Running a period again therefore changes nothing that has not changed.
 */
export async function recordControlRun(trx: Knex.Transaction, tenantId: string, input: ControlRunInput): Promise<ControlRunSummary> {
  const answered = Object.values(input.billed).filter((b): b is PortBilledService[] => b !== null);
  const billed = answered.length ? billedPerService(answered.flat(), input.period) : null;
  const facts = await loadControlFacts(trx, input.period, billed);
  const findings = runControls(facts);
  const [run] = await trx('telecomControlRuns').insert({
    tenantId, period: input.period, trigger: input.trigger, createdBy: input.startedBy, billingSystemsChecked: answered.length, invoiceRowsChecked: facts.invoiceRows.length,
  }).returning(['id']);
  const runId = String(run.id);
  const opened = await upsertFindings(trx, tenantId, runId, input.period, findings);
  const operatorsInvoiced = [...new Set(facts.invoiceRows.map((r) => r.operatorKey))];
  const resolved = await resolveGone(trx, runId, input.period, findings, { billingSystem: billed !== null, operatorsInvoiced });
  const [done] = await trx('telecomControlRuns').where({ id: runId })
    .update({ status: 'done', found: findings.length, opened, resolved, finishedAt: trx.fn.now() }).returning('*');
  return presentRun(done as Row);
}

export function presentRun(r: Row): ControlRunSummary {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ? String(v) : null);
  return {
    id: String(r.id), period: String(r.period), trigger: String(r.trigger), status: String(r.status), found: Number(r.found), opened: Number(r.opened), resolved: Number(r.resolved),
    billingSystemsChecked: Number(r.billingSystemsChecked), invoiceRowsChecked: Number(r.invoiceRowsChecked), createdAt: iso(r.createdAt)!, finishedAt: iso(r.finishedAt),
  };
}

/** Upserts the findings; answers how many anomalies are new. */
async function upsertFindings(trx: Knex.Transaction, tenantId: string, runId: string, period: string, findings: readonly Finding[]): Promise<number> {
  let opened = 0;
  for (let i = 0; i < findings.length; i += 500) {
    const chunk = findings.slice(i, i + 500).map((f) => ({
      tenant_id: tenantId, kind: f.kind, line_id: f.lineId, account_id: f.accountId, operator_key: f.operatorKey, source: f.source, subject_key: f.subjectKey, product_code: f.productCode,
      billed_cents: f.billedCents, expected_cents: f.expectedCents, monthly_loss_cents: f.monthlyLossCents, since: f.since, first_period: period, last_seen_period: period, last_run_id: runId,
    }));
    const { rows } = await trx.raw<{ rows: Array<{ opened: boolean }> }>(`
      insert into telecom_anomalies as t (tenant_id, kind, line_id, account_id, operator_key, source, subject_key, product_code, billed_cents, expected_cents, monthly_loss_cents, since, first_period, last_seen_period, last_run_id)
      select * from jsonb_to_recordset(?::jsonb) as x(tenant_id uuid, kind text, line_id uuid, account_id uuid, operator_key text, source text, subject_key text, product_code text,
        billed_cents bigint, expected_cents bigint, monthly_loss_cents bigint, since date, first_period text, last_seen_period text, last_run_id uuid)
      on conflict (tenant_id, kind, line_id, subject_key) do update set
        billed_cents = case when excluded.last_seen_period >= t.last_seen_period then excluded.billed_cents else t.billed_cents end,
        expected_cents = case when excluded.last_seen_period >= t.last_seen_period then excluded.expected_cents else t.expected_cents end,
        monthly_loss_cents = case when excluded.last_seen_period >= t.last_seen_period then excluded.monthly_loss_cents else t.monthly_loss_cents end,
        since = least(t.since, excluded.since),
        first_period = least(t.first_period, excluded.first_period),
        last_seen_period = greatest(t.last_seen_period, excluded.last_seen_period),
        last_run_id = excluded.last_run_id,
        status = case when t.status = 'resolved' and excluded.last_seen_period > t.last_seen_period then 'open' else t.status end,
        resolved_at = case when t.status = 'resolved' and excluded.last_seen_period > t.last_seen_period then null else t.resolved_at end,
        version = t.version + case when t.status = 'resolved' and excluded.last_seen_period > t.last_seen_period then 1 else 0 end
      returning (xmax = 0) as opened`, [JSON.stringify(chunk)]);
    opened += rows.filter((r) => r.opened).length;
  }
  return opened;
}

/** Resolves the open or fixing anomalies this run's sources no longer show; answers how many. */
async function resolveGone(trx: Knex.Transaction, runId: string, period: string, findings: readonly Finding[],
  checked: { billingSystem: boolean; operatorsInvoiced: string[] }): Promise<number> {
  const seen = findings.map((f) => `${f.kind}|${f.lineId}|${f.subjectKey}`);
  const gone = trx('telecomAnomalies').whereIn('status', ['open', 'fixing']).where('lastSeenPeriod', '<=', period)
    .whereRaw("(kind || '|' || line_id::text || '|' || subject_key) not in (select jsonb_array_elements_text(?::jsonb))", [JSON.stringify(seen)])
    .where((q) => {
      if (checked.billingSystem) q.orWhere('source', 'billing-system');
      if (checked.operatorsInvoiced.length) q.orWhere((o) => o.where('source', 'operator-invoice').whereIn('operatorKey', checked.operatorsInvoiced));
      if (!checked.billingSystem && !checked.operatorsInvoiced.length) q.whereRaw('false');
    });
  const resolved = await gone.update({
    status: 'resolved', resolvedAt: trx.fn.now(), recoveredCents: trx.raw('monthly_loss_cents'), lastRunId: runId, version: trx.raw('version + 1'),
  });
  return Number(resolved);
}
