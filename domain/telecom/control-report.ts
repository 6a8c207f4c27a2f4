import { ANOMALY_KINDS } from './control-rules';
import type { RequestContext } from '../core/record-service';
import { requireAnomalyRead } from './control-access';
import type { ControlReport } from './control.schema';
import { listSupplierInvoices } from './supplier-invoices';

type Row = Record<string, unknown>;

/**
 * The control report of a month (spec 002 §7): the invoices controlled, the anomalies seen that month by
 * kind and status with their monthly loss, what is still open, and the money recovered by the anomalies
 * resolved during the month (Paris) — with the monthly loss they no longer cost.
 */
export async function controlReport(ctx: RequestContext, period: string): Promise<ControlReport> {
  requireAnomalyRead(ctx);
  const trx = ctx.trx;
  const lastRun = await trx('telecomControlRuns').where({ period, status: 'done' }).max('finishedAt as at').first();
  const byKindRows: Row[] = await trx('telecomAnomalies').where('firstPeriod', '<=', period).where('lastSeenPeriod', '>=', period).groupBy('kind')
    .select('kind', trx.raw('count(*)::int as found'), trx.raw("count(*) filter (where status = 'open')::int as open"), trx.raw("count(*) filter (where status = 'fixing')::int as fixing"),
      trx.raw("count(*) filter (where status = 'resolved')::int as resolved"), trx.raw("count(*) filter (where status = 'dismissed')::int as dismissed"),
      trx.raw("coalesce(sum(monthly_loss_cents) filter (where status <> 'dismissed'), 0)::bigint as monthly_loss_cents"));
  const byKind = ANOMALY_KINDS.map((kind) => {
    const r = byKindRows.find((x) => x.kind === kind) ?? {};
    return { kind, found: Number(r.found ?? 0), open: Number(r.open ?? 0), fixing: Number(r.fixing ?? 0), resolved: Number(r.resolved ?? 0), dismissed: Number(r.dismissed ?? 0), monthlyLossCents: Number(r.monthlyLossCents ?? 0) };
  });
  const open = await trx('telecomAnomalies').whereIn('status', ['open', 'fixing']).sum('monthlyLossCents as cents').first();
  const recovered = await trx('telecomAnomalies').where('status', 'resolved')
    .whereRaw("to_char(resolved_at at time zone 'Europe/Paris', 'YYYY-MM') = ?", [period])
    .select(trx.raw('count(*)::int as count'), trx.raw('coalesce(sum(recovered_cents), 0)::bigint as recovered'), trx.raw('coalesce(sum(monthly_loss_cents), 0)::bigint as savings')).first() as Row | undefined;
  return {
    period,
    lastRunAt: lastRun?.at ? new Date(lastRun.at as string).toISOString() : null,
    invoices: (await listSupplierInvoices(ctx, { period })).map((i) => ({ id: i.id, operatorKey: i.operatorKey, reference: i.reference, source: i.source, rowCount: i.rowCount, totalCents: i.totalCents, createdAt: i.createdAt })),
    byKind,
    openMonthlyLossCents: Number(open?.cents ?? 0),
    resolvedInPeriod: Number(recovered?.count ?? 0),
    recoveredCents: Number(recovered?.recovered ?? 0),
    monthlySavingsCents: Number(recovered?.savings ?? 0),
  };
}
