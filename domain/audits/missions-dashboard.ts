import { z } from 'zod';
import { forbiddenKind, readableQuery, type RequestContext } from '../core/record-service';
import { billingInvoices } from '../billing/resources';
import { MISSION_STATUSES } from './mission.schema';
import { auditMissions } from './missions';

/**
 * Cassandre's dashboard (spec 000's global dashboard, issue 16): missions in progress by status, the
 * coming days on site, reports waiting for review (once the report area's table exists), unpaid
 * invoices (for who reads invoices), and the delivered missions due for anonymisation (retention
 * counted from the first delivery: 30 days unless the process says otherwise). Everything in the
 * reader's scope: an auditor's dashboard is their missions'.
 */
export const RETENTION_DAYS = 30;
const UPCOMING_DAYS = 30;

const missionRef = { id: z.string().uuid(), number: z.number().int(), title: z.string(), accountName: z.string() };
export const missionsDashboard = z.object({
  byStatus: z.object(Object.fromEntries(MISSION_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof MISSION_STATUSES)[number], z.ZodNumber>),
  upcoming: z.array(z.object({ ...missionRef, siteName: z.string(), onSiteFrom: z.string(), onSiteTo: z.string().nullable(), status: z.enum(MISSION_STATUSES) })),
  awaitingReview: z.array(z.object({ ...missionRef, submittedAt: z.string().nullable() })).nullable(),
  unpaidInvoices: z.object({ count: z.number().int(), amountDueCents: z.number().int(), items: z.array(z.object({ id: z.string().uuid(), number: z.string().nullable(), accountName: z.string(), amountDueCents: z.number().int(), dueDate: z.string().nullable(), overdue: z.boolean() })) }).nullable(),
  dueForAnonymisation: z.array(z.object({ ...missionRef, deliveredAt: z.string(), dueOn: z.string(), overdue: z.boolean() })),
});
export type MissionsDashboard = z.infer<typeof missionsDashboard>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

export async function missionsDashboardOf(ctx: RequestContext): Promise<MissionsDashboard> {
  const missions = () => {
    const qb = readableQuery(ctx, auditMissions);
    if (!qb) throw forbiddenKind(auditMissions);
    return qb.clearSelect();
  };
  const byStatus = Object.fromEntries(MISSION_STATUSES.map((s) => [s, 0])) as MissionsDashboard['byStatus'];
  for (const row of (await missions().select('t.status').count('* as count').groupBy('t.status')) as Array<{ status: keyof typeof byStatus; count: number | string }>) {
    byStatus[row.status] = Number(row.count);
  }
  const upcoming = (await missions().join('auditMissionSites as ms', 'ms.missionId', 't.id').join('sites as s', 's.id', 'ms.siteId')
    .whereNotIn('t.status', ['delivered', 'anonymised'])
    .whereRaw('coalesce(ms.on_site_to, ms.on_site_from) >= current_date and ms.on_site_from < current_date + ?::int', [UPCOMING_DAYS])
    .orderBy([{ column: 'ms.onSiteFrom' }, { column: 't.number' }]).limit(20)
    .select('t.id', 't.number', 't.title', 'a.name as accountName', 's.name as siteName', 'ms.onSiteFrom', 'ms.onSiteTo', 't.status')) as MissionsDashboard['upcoming'];
  // The report area's table, when it is installed: its reports submitted and not yet decided.
  const reports = (await ctx.trx.raw("select to_regclass('audit_reports') is not null as present")).rows[0]?.present === true;
  const awaitingReview = reports
    ? ((await missions().join('auditReports as r', 'r.missionId', 't.id').where('r.status', 'in_review').orderBy('r.submittedAt')
      .select('t.id', 't.number', 't.title', 'a.name as accountName', 'r.submittedAt')) as Array<Record<string, unknown>>).map((r) => ({ ...r, submittedAt: iso(r.submittedAt) })) as MissionsDashboard['awaitingReview']
    : null;
  const invoices = readableQuery(ctx, billingInvoices);
  let unpaidInvoices: MissionsDashboard['unpaidInvoices'] = null;
  if (invoices) {
    const rows = (await invoices.clearSelect().whereIn('t.status', ['issued', 'sent', 'partially_paid', 'overdue']).where('t.amountDueCents', '>', 0)
      .orderBy([{ column: 't.dueDate', order: 'asc', nulls: 'last' }]).select('t.id', 't.number', 'a.name as accountName', 't.amountDueCents', 't.dueDate', 't.status',
        ctx.trx.raw("(t.status = 'overdue' or t.due_date < current_date) as overdue"))) as Array<Record<string, unknown>>;
    unpaidInvoices = {
      count: rows.length, amountDueCents: rows.reduce((sum, r) => sum + Number(r.amountDueCents), 0),
      items: rows.slice(0, 10).map((r) => ({ id: String(r.id), number: (r.number as string | null) ?? null, accountName: String(r.accountName), amountDueCents: Number(r.amountDueCents), dueDate: (r.dueDate as string | null) ?? null, overdue: r.overdue === true })),
    };
  }
  const due = (await missions().where('t.status', 'delivered').whereNotNull('t.deliveredAt').orderBy('t.deliveredAt')
    .select('t.id', 't.number', 't.title', 'a.name as accountName', 't.deliveredAt',
      ctx.trx.raw('((t.delivered_at + make_interval(days => ?))::date)::text as due_on', [RETENTION_DAYS]),
      ctx.trx.raw('(t.delivered_at + make_interval(days => ?) <= now()) as overdue', [RETENTION_DAYS]))) as Array<Record<string, unknown>>;
  return {
    byStatus, upcoming, awaitingReview, unpaidInvoices,
    dueForAnonymisation: due.map((r) => ({ id: String(r.id), number: Number(r.number), title: String(r.title), accountName: String(r.accountName), deliveredAt: iso(r.deliveredAt)!, dueOn: String(r.dueOn), overdue: r.overdue === true })),
  };
}
