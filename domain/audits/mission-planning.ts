import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { createRecord, loadFor, type RequestContext } from '../core/record-service';
import { ConflictError } from '../errors';
import type { PlannableSource } from '../planning/plannable';
import { planningEntries } from '../planning/resources';
import { organisationCalendar } from '../planning/working-hours';
import { changeMissionStatus } from './mission-status';
import { auditMissions } from './missions';
import { missionsMessage as m } from './missions.messages';

/**
 * Missions on the `planning` context (issue 16): the on-site days of a mission's sites become all-day
 * on-site interventions in each auditor's agenda (record `audit-mission`), through the planning's own
 * write path, so an auditor already busy (another intervention, an absence) is refused with the
 * planning's 409 naming the conflict and nothing is planned; the mission's availability shows those
 * conflicts beforehand. Missions still to plan are on the agenda's side list (missionsToPlan).
 */
type Row = Record<string, unknown>;
export const MISSION_RECORD_TYPE = 'audit-mission';
/** A day on site: seven hours (the agenda's first duration for a mission dropped on it). */
const DAY_MINUTES = 420;

interface OnSiteDays { siteId: string; siteName: string; from: string; to: string }

async function onSiteDays(trx: Knex.Transaction, missionId: string): Promise<OnSiteDays[]> {
  const rows = (await trx('auditMissionSites as ms').join('sites as s', 's.id', 'ms.siteId').where('ms.missionId', missionId)
    .whereNotNull('ms.onSiteFrom').orderBy('ms.onSiteFrom').select('ms.siteId', 's.name as siteName', 'ms.onSiteFrom', 'ms.onSiteTo')) as Row[];
  return rows.map((r) => ({ siteId: String(r.siteId), siteName: String(r.siteName), from: String(r.onSiteFrom), to: String(r.onSiteTo ?? r.onSiteFrom) }));
}

/** The period of whole days [from, to] in the organisation's zone, as agenda instants. */
export function allDayPeriod(from: string, to: string, zone: string): { startsAt: string; endsAt: string } {
  return {
    startsAt: DateTime.fromISO(from, { zone }).startOf('day').toISO()!,
    endsAt: DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day').toISO()!,
  };
}

export interface AvailabilityConflict {
  userId: string;
  userName: string;
  siteName: string;
  entry: { id: string; kind: string; title: string; absenceReason: string | null; startsAt: string; endsAt: string };
}

/** Each auditor's live agenda entries that overlap the mission's on-site days (those planning this mission left out). */
export async function missionAvailability(ctx: RequestContext, missionId: string): Promise<{ items: AvailabilityConflict[] }> {
  const mission = await loadFor(ctx, auditMissions, missionId, 'read');
  const { timeZone } = await organisationCalendar(ctx.trx);
  const auditors = (mission.auditorIds as string[]) ?? [];
  const items: AvailabilityConflict[] = [];
  if (!auditors.length) return { items };
  for (const days of await onSiteDays(ctx.trx, missionId)) {
    const { startsAt, endsAt } = allDayPeriod(days.from, days.to, timeZone);
    const rows = (await ctx.trx('planningEntries as e').join('users as u', 'u.id', 'e.userId')
      .whereIn('e.userId', auditors).whereNot('e.status', 'cancelled')
      .whereRaw('e.period && tstzrange(?::timestamptz, ?::timestamptz, \'[)\')', [startsAt, endsAt])
      .where((qb) => { qb.whereNull('e.recordId').orWhereNot('e.recordId', missionId); })
      .orderBy('e.startsAt').select('e.id', 'e.userId', 'u.displayName', 'e.kind', 'e.title', 'e.absenceReason', 'e.startsAt', 'e.endsAt')) as Row[];
    for (const r of rows) {
      items.push({
        userId: String(r.userId), userName: String(r.displayName), siteName: days.siteName,
        entry: { id: String(r.id), kind: String(r.kind), title: String(r.title), absenceReason: (r.absenceReason as string | null) ?? null, startsAt: new Date(r.startsAt as string).toISOString(), endsAt: new Date(r.endsAt as string).toISOString() },
      });
    }
  }
  return { items };
}

/**
 * Plans the mission: one all-day on-site intervention per auditor and site for its days (those already
 * planned kept), a new mission then moves to « Planifiée ». Refused as a whole (409) when an auditor is
 * busy then; needs the planning's right to write others' agendas (mission leads).
 */
export async function planMission(ctx: RequestContext, missionId: string): Promise<{ created: number; mission: Row }> {
  const mission = await loadFor(ctx, auditMissions, missionId, 'update', true);
  const { timeZone } = await organisationCalendar(ctx.trx);
  const days = await onSiteDays(ctx.trx, missionId);
  const auditors = (mission.auditorIds as string[]) ?? [];
  if (!days.length || !auditors.length) throw new ConflictError(m('audits.missions.nothing-to-plan', { number: Number(mission.number) }));
  let created = 0;
  for (const site of days) {
    const period = allDayPeriod(site.from, site.to, timeZone);
    for (const userId of auditors) {
      const existing = await ctx.trx('planningEntries').where({ recordType: MISSION_RECORD_TYPE, recordId: missionId, userId, siteId: site.siteId }).whereNot('status', 'cancelled').first('id');
      if (existing) continue;
      await createRecord(ctx, planningEntries, {
        userId, kind: 'intervention', mode: 'on-site', title: `Mission n° ${mission.number} — ${String(mission.title).slice(0, 150)}`,
        ...period, allDay: true, recordType: MISSION_RECORD_TYPE, recordId: missionId, accountId: mission.accountId, siteId: site.siteId,
      });
      created += 1;
    }
  }
  const after = mission.status === 'new' ? await changeMissionStatus(ctx, missionId, 'planned', { reason: 'Jours sur site planifiés dans les agendas des auditeurs' }) : (await loadFor(ctx, auditMissions, missionId, 'read'));
  return { created, mission: after };
}

/**
 * The agenda's side list (domain/planning/plannable.ts): the sites of missions new or planned whose
 * days are not in any agenda yet, the soonest first; dropped on the agenda, one becomes a day on site.
 */
export const missionsToPlan: PlannableSource = {
  recordType: MISSION_RECORD_TYPE,
  label: { fr: 'Missions d’audit', en: 'Audit missions' },
  subject: 'AuditMission',
  async list(trx, { q, limit }) {
    const query = trx('auditMissionSites as ms').join('auditMissions as t', 't.id', 'ms.missionId').join('accounts as a', 'a.id', 't.accountId').join('sites as s', 's.id', 'ms.siteId')
      .whereIn('t.status', ['new', 'planned'])
      .whereNotExists((sub) => {
        sub.from('planningEntries as e').whereRaw("e.record_type = 'audit-mission' and e.record_id = t.id and e.site_id = ms.site_id and e.status <> 'cancelled'");
      })
      .orderByRaw('ms.on_site_from nulls last, t.number').limit(limit)
      .select('t.id', 't.number', 't.title', 't.accountId', 'a.name as accountName', 'ms.siteId', 's.name as siteName');
    if (q) query.whereRaw("t.title ilike '%' || ? || '%'", [q.replace(/[\\%_]/g, (c) => `\\${c}`)]);
    const rows = (await query) as Row[];
    return rows.map((r) => ({
      recordType: MISSION_RECORD_TYPE, recordId: String(r.id), title: `Mission n° ${r.number} ${r.title}`, subtitle: `${r.accountName} — ${r.siteName}`,
      accountId: String(r.accountId), accountName: String(r.accountName), siteId: String(r.siteId), priority: null, suggestedMinutes: DAY_MINUTES,
    }));
  },
};
