import { appendHistoryAs, loadFor, present, type RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError } from '../errors';
import { canOn } from '../identity/ability';
import { factsOf } from '../core/record-service';
import type { MissionStatus } from './mission.schema';
import { MISSION_STATUS_LABELS } from './mission-status-labels';
import { auditMissions } from './missions';
import { missionsMessage as m } from './missions.messages';

export { MISSION_STATUS_LABELS };

/**
 * A mission's life (spec 000, issue 16): Nouvelle → Planifiée → Sur site → Rédaction → Relecture →
 * Livrée → Anonymisée. A plan may be undone (back to new) and a visit postponed (back to planned);
 * the review sends the report back to drafting until approved; delivered and anonymised never go
 * back (retention counts from the first delivery, SysReptor #651), anonymised is final.
 */
export const MISSION_TRANSITIONS: Readonly<Record<MissionStatus, readonly MissionStatus[]>> = {
  new: ['planned'],
  planned: ['new', 'on_site'],
  on_site: ['planned', 'drafting'],
  drafting: ['review'],
  review: ['drafting', 'delivered'],
  delivered: ['anonymised'],
  anonymised: [],
};

export function mayMove(from: MissionStatus, to: MissionStatus): boolean {
  return MISSION_TRANSITIONS[from].includes(to);
}

/** The moves an auditor named on the mission makes without `audits.mission.update`: on site, to drafting, to review. */
const AUDITOR_MOVES: ReadonlyArray<readonly [MissionStatus, MissionStatus]> = [['planned', 'on_site'], ['on_site', 'drafting'], ['drafting', 'review']];
export function auditorMayMove(from: MissionStatus, to: MissionStatus): boolean {
  return AUDITOR_MOVES.some(([f, t]) => f === from && t === to);
}

/** The dates a move sets: the first delivery (kept when a mission is delivered again — it never is, but a restore must not move it), the anonymisation. */
export function datesOfMove(to: MissionStatus, current: { deliveredAt: unknown; anonymisedAt: unknown }, now: Date): { deliveredAt?: Date; anonymisedAt?: Date } {
  if (to === 'delivered' && !current.deliveredAt) return { deliveredAt: now };
  if (to === 'anonymised' && !current.anonymisedAt) return { anonymisedAt: now };
  return {};
}

export interface MissionStatusOptions {
  /** Why (kept on the mission's history). */
  reason?: string | null;
}

/**
 * THE way a mission's status changes (the API's status action, the process `audits.audit-to-anonymise`
 * and the other areas call it): the mission read in `ctx`'s scope (404 outside it), the move checked
 * (409 with the moves possible), the row and its dates written, the change on the mission's history.
 * Who: `audits.mission.update` on it, or an auditor named on it for the field moves (auditorMayMove);
 * a process context holds `audits.mission.update`.
 */
export async function changeMissionStatus(ctx: RequestContext, missionId: string, to: MissionStatus, options: MissionStatusOptions = {}): Promise<Record<string, unknown>> {
  const current = await loadFor(ctx, auditMissions, missionId, 'read', true);
  const from = current.status as MissionStatus;
  const number = Number(current.number);
  const facts = factsOf(current);
  const assignee = (facts.assigneeIds ?? []).includes(ctx.principal.userId);
  if (!canOn(ctx.ability, 'update', auditMissions.subject, facts) && !(assignee && auditorMayMove(from, to))) {
    throw new ForbiddenError(m('audits.missions.status-forbidden', { number, to }));
  }
  if (from === to) throw new ConflictError(m('audits.missions.same-status', { number, status: to }));
  if (!mayMove(from, to)) throw new ConflictError(m('audits.missions.transition-refused', { number, from, to, allowed: [...MISSION_TRANSITIONS[from]] }));
  const dates = datesOfMove(to, { deliveredAt: current.deliveredAt, anonymisedAt: current.anonymisedAt }, new Date());
  await ctx.trx('auditMissions').where({ id: missionId }).update({ status: to, ...dates, version: Number(current.version) + 1 });
  const after = await loadFor(ctx, auditMissions, missionId, 'read');
  const changes: Record<string, { before: unknown; after: unknown }> = { status: { before: from, after: to } };
  const [was, now] = [present(ctx, auditMissions, current), present(ctx, auditMissions, after)];
  for (const field of ['deliveredAt', 'anonymisedAt'] as const) if (was[field] !== now[field]) changes[field] = { before: was[field] ?? null, after: now[field] ?? null };
  if (options.reason) changes.reason = { before: null, after: options.reason };
  await appendHistoryAs(ctx, { recordType: auditMissions.recordType, recordId: missionId, action: 'update', changes });
  return now;
}
