import type { RequestContext } from '../../core/record-service';
import { NotFoundError } from '../../errors';
import { reportMessage as m } from './report.messages';
import { DEFAULT_SECTIONS, type ReportStatus, type SerialDisplay, type TemplateSnapshot } from './report.schema';
import { reportRoleOf, type ReportRole } from './review';

type Row = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MissionOfReport {
  id: string;
  number: number;
  title: string;
  status: string;
  accountName: string;
  startsOn: string | null;
  endsOn: string | null;
  leadId: string | null;
  auditorIds: string[];
}

export interface ReportRow {
  id: string;
  missionId: string;
  status: ReportStatus;
  currentVersion: number;
  version: number;
  templateSnapshot: TemplateSnapshot;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

const day = (value: unknown): string | null => (value instanceof Date ? value.toISOString().slice(0, 10) : value ? String(value).slice(0, 10) : null);

/**
 * The mission a report belongs to, and the caller's place on it; 404 (« aucune mission ») for an id
 * that is not one, another organisation's mission (RLS), or one the caller may not see (an auditor
 * not assigned to it, a candidate).
 */
export async function missionOfReport(ctx: RequestContext, missionId: string): Promise<{ mission: MissionOfReport; role: ReportRole }> {
  const row = UUID.test(missionId)
    ? ((await ctx.trx('auditMissions as m').join('accounts as a', 'a.id', 'm.accountId').where('m.id', missionId)
      .first('m.id', 'm.number', 'm.title', 'm.status', 'm.startsOn', 'm.endsOn', 'm.leadId', 'm.auditorIds', 'a.name as accountName')) as Row | undefined)
    : undefined;
  if (!row) throw new NotFoundError(m('audits.report.no-such-mission'));
  const mission: MissionOfReport = {
    id: String(row.id), number: Number(row.number), title: String(row.title), status: String(row.status), accountName: String(row.accountName),
    startsOn: day(row.startsOn), endsOn: day(row.endsOn), leadId: (row.leadId as string | null) ?? null, auditorIds: (row.auditorIds as string[] | null) ?? [],
  };
  const role = reportRoleOf({ userId: ctx.principal.userId, roles: ctx.principal.roles }, mission);
  if (role === 'none') throw new NotFoundError(m('audits.report.no-such-mission'));
  return { mission, role };
}

/** The organisation's report template as it is today, with its branding: what a new report copies. */
export async function currentTemplate(ctx: RequestContext): Promise<TemplateSnapshot> {
  const tenant = (await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('name', 'branding')) as { name: string; branding: Record<string, string> | null };
  const template = (await ctx.trx('auditReportTemplates').first('coverTitle', 'footer', 'serialDisplay')) as Row | undefined;
  const branding = tenant.branding ?? {};
  return {
    coverTitle: (template?.coverTitle as string | undefined) ?? 'Rapport d’audit de sécurité',
    footer: (template?.footer as string | null | undefined) ?? null,
    serialDisplay: ((template?.serialDisplay as SerialDisplay | undefined) ?? 'last4'),
    organisationName: tenant.name,
    primaryColor: branding.primaryColor ?? '#1565C0',
    secondaryColor: branding.secondaryColor ?? '#546E7A',
    logoText: branding.logoText ?? tenant.name.slice(0, 2).toUpperCase(),
  };
}

function reportOf(row: Row): ReportRow {
  return {
    id: String(row.id), missionId: String(row.missionId), status: row.status as ReportStatus, currentVersion: Number(row.currentVersion), version: Number(row.version),
    templateSnapshot: row.templateSnapshot as TemplateSnapshot, submittedBy: (row.submittedBy as string | null) ?? null, submittedAt: (row.submittedAt as Date | null) ?? null,
    approvedBy: (row.approvedBy as string | null) ?? null, approvedAt: (row.approvedAt as Date | null) ?? null,
  };
}

/** The mission's report, locked for this transaction when `forUpdate`; created with the template's snapshot and the default sections the first time. */
export async function reportOfMission(ctx: RequestContext, missionId: string, forUpdate = false): Promise<ReportRow> {
  const read = () => {
    const q = ctx.trx('auditReports').where({ missionId });
    return (forUpdate ? q.forUpdate() : q).first() as Promise<Row | undefined>;
  };
  const existing = await read();
  if (existing) return reportOf(existing);
  const inserted = (await ctx.trx('auditReports')
    .insert({ tenantId: ctx.principal.tenantId, missionId, templateSnapshot: await currentTemplate(ctx), createdBy: ctx.principal.userId })
    .onConflict(['tenantId', 'missionId']).ignore().returning('id')) as Row[];
  if (inserted.length) {
    await ctx.trx('auditReportSections').insert(DEFAULT_SECTIONS.map((s, position) => ({
      tenantId: ctx.principal.tenantId, reportId: inserted[0]!.id, key: s.key, position, title: s.title, body: '', createdBy: ctx.principal.userId,
    })));
  }
  return reportOf((await read())!);
}

/** Display names of the people a report names (comments, versions). */
export async function namesOf(ctx: RequestContext, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = (await ctx.trx('users').whereIn('id', wanted).select('id', 'displayName')) as Row[];
  return new Map(rows.map((r) => [String(r.id), String(r.displayName)]));
}
