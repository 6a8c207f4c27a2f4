import type { Knex } from 'knex';
import { loadFor, type RequestContext } from '../core/record-service';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, StaleVersionError, UnprocessableError, ValidationError, versionMatches, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { catalogueMessage } from './catalogue.messages';
import { answered, checklistOpen, progress, selectionPlan } from './catalogue-rules';
import type { ChecksSelection, MissionCheck, MissionCheckAnswer } from './catalogue.schema';
import { checkPointOf, scopeOrder } from './check-points';
import { auditMissions } from './missions';

/**
 * A mission's checklist (issue 16, ADR 0034), the one write path of `audit_mission_checks`: the mission lead
 * selects checklists in bulk (whole scopes or chosen check points, each code once, idempotent), the auditors
 * of the mission answer them. Who sees a mission's checklist sees the mission: mission leads and the
 * administration every mission, an auditor the missions naming them (the missions' read rule; 404 otherwise).
 */
export const MISSION_CHECK_RESOURCE = 'AuditMissionCheck';
const PERMISSION = 'audits.check';

type Row = Record<string, unknown>;
type Action = 'read' | 'create' | 'update';
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function missionCheckOf(row: Row): MissionCheck {
  return {
    id: String(row.id), missionId: String(row.missionId), checkPointId: String(row.checkPointId), siteId: (row.siteId as string | null) ?? null,
    code: String(row.code), scope: row.scope as MissionCheck['scope'], catalogueVersion: Number(row.catalogueVersion),
    title: String(row.title), guidance: String(row.guidance), references: (row.references as string[]) ?? [],
    expectedEvidence: String(row.expectedEvidence), position: Number(row.position),
    answer: row.answer as MissionCheck['answer'], observation: (row.observation as string | null) ?? null,
    answeredBy: (row.answeredBy as string | null) ?? null, answeredAt: iso(row.answeredAt),
    version: Number(row.version), createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!,
  };
}

/** The widest scope the caller holds for an action on checklists: every mission, theirs, or none. */
export function checkScope(ctx: RequestContext, action: Action): 'all' | 'assigned' | null {
  const scopes = ctx.principal.grants.filter((g) => g.permission === `${PERMISSION}.${action}`).map((g) => g.scope);
  if (scopes.includes('all')) return 'all';
  return scopes.length ? 'assigned' : null;
}

const FORBIDDEN = { read: 'audits.checks.forbidden-read', create: 'audits.checks.forbidden-select', update: 'audits.checks.forbidden-answer' } as const;

/**
 * The mission, if the caller may act on its checklist: 403 without the right at all; 404 for a mission the
 * caller does not see by the missions' own read rule (mission leads and the administration every mission,
 * an auditor those naming them), or that does not exist: an auditor learns nothing of the others.
 */
export async function visibleMission(ctx: RequestContext, missionId: string, action: Action, lock = false): Promise<Row> {
  if (!checkScope(ctx, action)) throw new ForbiddenError(catalogueMessage(FORBIDDEN[action]));
  const notFound = () => new NotFoundError(catalogueMessage('audits.checks.mission-not-found'));
  if (!UUID.test(missionId)) throw notFound();
  try {
    return await loadFor(ctx, auditMissions, missionId, 'read', lock);
  } catch (error) {
    if (error instanceof DomainError && (error.status === 404 || error.status === 403)) throw notFound();
    throw error;
  }
}

async function checksOf(trx: Knex.Transaction, missionId: string): Promise<MissionCheck[]> {
  const rows = await trx('auditMissionChecks').where({ missionId })
    .orderByRaw(`${scopeOrder('scope')}, site_id nulls first, position, code`);
  return rows.map((r: Row) => missionCheckOf(r));
}

/** The mission's checklist, in the catalogue's order, with its progress. */
export async function listMissionChecks(ctx: RequestContext, missionId: string): Promise<{ items: MissionCheck[]; progress: ReturnType<typeof progress> }> {
  await visibleMission(ctx, missionId, 'read');
  const items = await checksOf(ctx.trx, missionId);
  return { items, progress: progress(items.map((c) => c.answer)) };
}

async function checkSite(trx: Knex.Transaction, missionId: string, siteId: string | null | undefined): Promise<void> {
  if (!siteId) return;
  if (!await trx('auditMissionSites').where({ missionId, siteId }).first('id')) {
    throw new ValidationError([{ field: 'siteId', message: catalogueMessage('audits.checks.unknown-site') }]);
  }
}

/**
 * Adds checklists to a mission: the current check points of the chosen scopes, or the chosen ones, each
 * with a copy of its text; those whose code the mission already has (for that site) are skipped, so
 * selecting twice adds nothing.
 */
export async function selectChecks(ctx: RequestContext, missionId: string, selection: ChecksSelection): Promise<{ added: number; skipped: number; items: MissionCheck[] }> {
  // Points named one by one (the assistant's suggestions accepted on site) are added by whoever answers the
  // checklist — the mission's auditors too; a selection by scope is the mission lead's.
  const mission = await visibleMission(ctx, missionId, 'checkPointIds' in selection ? 'update' : 'create', true);
  if (!checklistOpen(String(mission.status))) throw new ConflictError(catalogueMessage('audits.checks.closed'));
  const siteId = selection.siteId ?? null;
  await checkSite(ctx.trx, missionId, siteId);
  const candidates = await ctx.trx('auditCheckPoints').whereNull('retiredAt').modify((q) => {
    if ('scopes' in selection) q.whereIn('scope', selection.scopes);
    else q.whereIn('id', [...new Set(selection.checkPointIds)]);
  }).orderByRaw(`${scopeOrder('scope')}, position, code`) as Row[];
  if ('checkPointIds' in selection && candidates.length !== new Set(selection.checkPointIds).size) {
    throw new UnprocessableError(catalogueMessage('audits.catalogue.unknown-points'), { errors: [{ field: 'checkPointIds', message: catalogueMessage('audits.catalogue.unknown-points') }] });
  }
  const existing = await ctx.trx('auditMissionChecks').where({ missionId }).modify((q) => {
    if (siteId) q.where({ siteId }); else q.whereNull('siteId');
  }).pluck('code') as string[];
  const plan = selectionPlan(candidates.map((c) => checkPointOf(c)), new Set(existing));
  const { tenantId, userId } = ctx.principal;
  if (plan.add.length) {
    await ctx.trx('auditMissionChecks').insert(plan.add.map((c) => ({
      tenantId, missionId, siteId, checkPointId: c.id, code: c.code, scope: c.scope, catalogueVersion: c.catalogueVersion,
      title: c.title, guidance: c.guidance, references: c.references, expectedEvidence: c.expectedEvidence, position: c.position, createdBy: userId ?? null,
    })));
    await audit(ctx.trx, { tenantId, actorUserId: userId ?? null, action: 'audits.checks.select', targetType: 'audit-mission', targetId: missionId, details: { added: plan.add.length } });
  }
  return { added: plan.add.length, skipped: plan.skipped, items: await checksOf(ctx.trx, missionId) };
}

/** Answers a check (If-Match on its version): 412 with the current row when someone answered it first. */
export async function answerCheck(ctx: RequestContext, missionId: string, checkId: string, input: MissionCheckAnswer, expected: ExpectedVersion | undefined, now: Date): Promise<MissionCheck> {
  const mission = await visibleMission(ctx, missionId, 'update');
  const row = UUID.test(checkId) ? (await ctx.trx('auditMissionChecks').where({ id: checkId, missionId }).forUpdate().first()) as Row | undefined : undefined;
  if (!row) throw new NotFoundError(catalogueMessage('audits.checks.not-found'));
  const current = missionCheckOf(row);
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(current);
  if (!checklistOpen(String(mission.status))) throw new ConflictError(catalogueMessage('audits.checks.closed'));
  const next = answered({ ...current, answeredAt: current.answeredAt ? new Date(current.answeredAt) : null }, input, ctx.principal.userId ?? null, now);
  if (!next) return current;
  const [saved] = await ctx.trx('auditMissionChecks').where({ id: checkId })
    .update({ ...next, version: current.version + 1 }).returning('*');
  return missionCheckOf(saved as Row);
}
