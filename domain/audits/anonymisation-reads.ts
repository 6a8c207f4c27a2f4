import { loadFor, type RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { canOn } from '../identity/ability';
import { factsOf } from '../core/record-service';
import { anonymisationMessage as m } from './anonymisation.messages';
import { AUDIT_TO_ANONYMISE } from './mission-process';
import { auditMissions } from './missions';

/** What the process area answers (issue 16, ADR 0039): where a mission stands with its anonymisation, and the anonymised history. */
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const day = (v: unknown) => (v == null ? null : String(v).slice(0, 10));

export async function anonymisationStandingOf(ctx: RequestContext, missionId: string) {
  const mission = await loadFor(ctx, auditMissions, missionId, 'read');
  const row = await ctx.trx('auditMissions as t').leftJoin('users as u', 'u.id', 't.anonymisationPostponedBy').where('t.id', missionId)
    .first('t.status', 't.deliveredAt', 't.anonymiseOn', 't.anonymisedAt', 't.anonymisationPostponedUntil', 't.anonymisationPostponeReason', 't.anonymisationPostponedAt', 'u.displayName as postponedByName');
  const instance = await ctx.trx('processInstances').where({ processKey: AUDIT_TO_ANONYMISE, businessKey: missionId }).orderBy('startedAt', 'desc').first('id', 'status');
  const openTasks = instance ? await ctx.trx('tasks').where({ instanceId: instance.id, status: 'open' }).orderBy('createdAt').select('id', 'name') : [];
  const mayUpdate = canOn(ctx.ability, 'update', auditMissions.subject, factsOf(mission));
  return {
    status: String(row.status), deliveredAt: iso(row.deliveredAt), anonymiseOn: day(row.anonymiseOn), anonymisedAt: iso(row.anonymisedAt),
    postponedUntil: day(row.anonymisationPostponedUntil), postponeReason: (row.anonymisationPostponeReason as string | null) ?? null,
    postponedAt: iso(row.anonymisationPostponedAt), postponedByName: (row.postponedByName as string | null) ?? null,
    canPostpone: mayUpdate && row.status === 'delivered' && !row.anonymisationPostponedUntil && Boolean(row.anonymiseOn),
    process: instance ? { id: String(instance.id), status: String(instance.status), openTasks: openTasks.map((x: { id: string; name: string | null }) => ({ id: x.id, name: x.name })) } : null,
  };
}

/** « Historique anonymisé des missions »: who may read every mission reads it (it names no one and no client). */
export async function missionStatisticsList(ctx: RequestContext) {
  const all = ctx.principal.grants.some((g) => g.permission === 'audits.mission.read' && g.scope === 'all');
  if (!all) throw new ForbiddenError(m('audits.statistics.forbidden'));
  const rows: Array<Record<string, unknown>> = await ctx.trx('auditMissionStatistics').orderBy([{ column: 'month', order: 'desc' }, { column: 'createdAt', order: 'desc' }])
    .select('month', 'scopes', 'sector', 'town', 'department', 'sites', 'daysOnSite', 'findingsBySeverity', 'checksByAnswer', 'inventoryItems');
  const items = rows.map((r) => ({
    month: day(r.month instanceof Date ? r.month.toISOString() : r.month)!, scopes: (r.scopes as string[]) ?? [], sector: (r.sector as string | null) ?? null,
    town: (r.town as string | null) ?? null, department: (r.department as string | null) ?? null, sites: Number(r.sites), daysOnSite: Number(r.daysOnSite),
    findingsBySeverity: (r.findingsBySeverity as Record<string, number>) ?? {}, checksByAnswer: (r.checksByAnswer as Record<string, number>) ?? {}, inventoryItems: Number(r.inventoryItems),
  }));
  return { items, total: items.length };
}
