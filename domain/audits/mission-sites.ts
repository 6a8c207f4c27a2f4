import type { Knex } from 'knex';
import { appendHistoryAs, isUuid, loadFor, type RequestContext } from '../core/record-service';
import { NotFoundError, ValidationError } from '../errors';
import { missionSite, missionSiteInput, type MissionSite } from './mission.schema';
import type { z } from 'zod';
import { auditMissions } from './missions';
import { missionsMessage as m } from './missions.messages';

/**
 * The client sites a mission audits (`audit_mission_sites`), with the days spent on each: read with
 * the mission (its read scope: an auditor's own missions only), set and removed with its update right.
 * Each change is on the mission's history.
 */
type Row = Record<string, unknown>;

function siteQuery(trx: Knex.Transaction): Knex.QueryBuilder {
  return trx('auditMissionSites as ms').join('sites as s', 's.id', 'ms.siteId')
    .select('ms.id', 'ms.missionId', 'ms.siteId', 's.name as siteName', 's.city', 'ms.onSiteFrom', 'ms.onSiteTo', 'ms.notes', 'ms.version');
}

export async function listMissionSites(ctx: RequestContext, missionId: string): Promise<MissionSite[]> {
  await loadFor(ctx, auditMissions, missionId, 'read');
  const rows = (await siteQuery(ctx.trx).where('ms.missionId', missionId).orderBy([{ column: 'ms.onSiteFrom', order: 'asc', nulls: 'last' }, { column: 's.name' }])) as Row[];
  return rows.map((r) => missionSite.parse(r));
}

/** Adds a site of the mission's client to it, or changes its days (the same site twice is one row). */
export async function setMissionSite(ctx: RequestContext, missionId: string, siteId: string, input: z.infer<typeof missionSiteInput>): Promise<MissionSite> {
  const mission = await loadFor(ctx, auditMissions, missionId, 'update', true);
  if (!isUuid(siteId) || !(await ctx.trx('sites').where({ id: siteId, accountId: mission.accountId }).first('id'))) {
    throw new ValidationError([{ field: 'siteId', message: m('audits.missions.no-such-site') }]);
  }
  if (input.onSiteFrom && input.onSiteTo && input.onSiteTo < input.onSiteFrom) throw new ValidationError([{ field: 'onSiteTo', message: m('audits.missions.end-before-start') }]);
  const before = (await siteQuery(ctx.trx).where({ 'ms.missionId': missionId, 'ms.siteId': siteId }).first()) as Row | undefined;
  const values = { onSiteFrom: input.onSiteFrom ?? null, onSiteTo: input.onSiteTo ?? null, ...(input.notes !== undefined ? { notes: input.notes } : {}) };
  if (before) await ctx.trx('auditMissionSites').where({ id: before.id }).update({ ...values, version: Number(before.version) + 1 });
  else await ctx.trx('auditMissionSites').insert({ tenantId: ctx.principal.tenantId, missionId, siteId, ...values, createdBy: ctx.principal.userId });
  const after = missionSite.parse(await siteQuery(ctx.trx).where({ 'ms.missionId': missionId, 'ms.siteId': siteId }).first());
  const days = (r: Row | undefined) => (r ? `${after.siteName} : ${r.onSiteFrom ?? '?'} → ${r.onSiteTo ?? '?'}` : null);
  await appendHistoryAs(ctx, { recordType: auditMissions.recordType, recordId: missionId, action: 'update', changes: { site: { before: days(before), after: days(after) } } });
  return after;
}

export async function removeMissionSite(ctx: RequestContext, missionId: string, siteId: string): Promise<void> {
  await loadFor(ctx, auditMissions, missionId, 'update', true);
  const row = isUuid(siteId) ? ((await siteQuery(ctx.trx).where({ 'ms.missionId': missionId, 'ms.siteId': siteId }).first()) as Row | undefined) : undefined;
  if (!row) throw new NotFoundError({ fr: 'site de la mission', en: 'mission site' });
  await ctx.trx('auditMissionSites').where({ id: row.id }).delete();
  await appendHistoryAs(ctx, { recordType: auditMissions.recordType, recordId: missionId, action: 'update', changes: { site: { before: row.siteName, after: null } } });
}
