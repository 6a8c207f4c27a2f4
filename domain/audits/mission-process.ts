import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { isUuid, loadFor, type RequestContext } from '../core/record-service';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import { audit } from '../identity/audit-log';
import type { BusinessLabelResolver } from '../modules/vertical-module';
import { bufferMessage } from '../process/message-buffer';
import { deliverToSubscriber } from '../process/message-delivery';
import { ZONE, anonymiseDay, anonymiseInstant, postponement } from './anonymisation-rules';
import { anonymisationMessage as m } from './anonymisation.messages';
import { anonymisationSettings } from './anonymisation-settings';
import { MISSION_STATUSES, type MissionStatus } from './mission.schema';
import { changeMissionStatus, mayMove } from './mission-status';
import { auditMissions } from './missions';

/**
 * « De l'audit à l'anonymisation » (`audits.audit-to-anonymise`, workflows/audits/audit-to-anonymise.bpmn,
 * docs/adr/0039-audit-anonymisation.md): one instance per mission (business key and `missionId`: its id),
 * started from the mission (`POST /api/v1/audits/missions/{id}/start`); it takes the mission up where it
 * stands (a mission already planned skips the planning). Its variables are ids, statuses and dates only.
 */
export const AUDIT_TO_ANONYMISE = 'audits.audit-to-anonymise';
/** The report area's review tells the waiting instance (correlation key: the mission's id). */
export const REPORT_SUBMITTED = 'audits.report-submitted';
export const REPORT_APPROVED = 'audits.report-approved';
export const REPORT_CHANGES_REQUESTED = 'audits.report-changes-requested';
export const ANONYMISATION_POSTPONED = 'audits.anonymisation-postponed';
export type ProcessMessageName = typeof REPORT_SUBMITTED | typeof REPORT_APPROVED | typeof REPORT_CHANGES_REQUESTED | typeof ANONYMISATION_POSTPONED;

/** The permissions the process's tasks act with: the missions, and billing's invoice of the quote. */
export const PROCESS_PERMISSIONS = [
  'audits.mission.read', 'audits.mission.update', 'core.account.read', 'core.contact.read', 'core.site.read',
  'billing.quote.read', 'billing.invoice.read', 'billing.invoice.create', 'billing.invoice.update',
];

export function missionProcessVariables(missionId: string, retentionDays?: number | null) {
  return { missionId, ...(retentionDays ? { retentionDays } : {}) };
}

export const stageOf = (status: MissionStatus): number => MISSION_STATUSES.indexOf(status);

export async function missionFacts(ctx: RequestContext, missionId: string, now: Date) {
  const mission = await loadFor(ctx, auditMissions, missionId, 'read');
  const rows: Array<{ siteId: string; onSiteFrom: string | null }> = await ctx.trx('auditMissionSites').where({ missionId }).orderBy('createdAt').select('siteId', 'onSiteFrom');
  const status = mission.status as MissionStatus;
  const firstDay = [...rows.map((r) => r.onSiteFrom), mission.startsOn as string | null].filter((d): d is string => Boolean(d)).sort()[0];
  // A mission already on site (or past it) does not wait for its first day again.
  const onSiteAt = firstDay && stageOf(status) < 2 ? DateTime.fromISO(firstDay, { zone: ZONE }).set({ hour: 8 }).toUTC().toISO()! : now.toISOString();
  return { status, stage: stageOf(status), leadId: (mission.leadId as string | null) ?? null, sites: rows.map((r) => r.siteId), onSiteAt };
}

/** Moves the mission on to `to` through the missions' one status action, unless it is there already or past it (the report's review moves it too). */
export async function advanceMission(ctx: RequestContext, missionId: string, to: MissionStatus): Promise<{ status: MissionStatus; moved: boolean }> {
  const current = await loadFor(ctx, auditMissions, missionId, 'read');
  const from = current.status as MissionStatus;
  if (from === to || !mayMove(from, to)) return { status: from, moved: false };
  await changeMissionStatus(ctx, missionId, to);
  return { status: to, moved: true };
}

/** The day the delivered mission is anonymised (written on the mission, `anonymise_on`): its delivery's day plus its retention, or its postponement. */
export async function planAnonymisation(ctx: RequestContext, missionId: string, retentionDays?: number | null) {
  const mission = await loadFor(ctx, auditMissions, missionId, 'read');
  const row = await ctx.trx('auditMissions').where({ id: missionId }).first('deliveredAt', 'retentionDays', 'anonymisationPostponedUntil', 'anonymiseOn');
  if (!row?.deliveredAt) throw new UnprocessableError(m('audits.postpone.not-delivered'));
  const days = retentionDays ?? (row.retentionDays as number | null) ?? (await anonymisationSettings(ctx.trx)).retentionDays;
  const postponedUntil = row.anonymisationPostponedUntil ? String(row.anonymisationPostponedUntil) : null;
  const anonymiseOn = anonymiseDay(row.deliveredAt as Date, days, postponedUntil);
  if (String(row.anonymiseOn ?? '') !== anonymiseOn) await ctx.trx('auditMissions').where({ id: mission.id }).update({ anonymiseOn });
  return { anonymiseOn, anonymiseAt: anonymiseInstant(anonymiseOn), retentionDays: days, postponed: Boolean(postponedUntil) };
}

/**
 * Hands a message to the mission's waiting instance, or keeps it for when it waits (7 days). Called once the
 * caller's change committed is visible to the process (the report's submit, approval or request for changes;
 * the postponement), in the caller's transaction: the delivery is locked with it.
 */
export async function tellMissionProcess(trx: Knex.Transaction, temporal: () => Promise<Client>, tenantId: string, missionId: string, name: ProcessMessageName): Promise<{ delivered: boolean }> {
  const message = { name, correlationKey: missionId, variables: {} };
  if (await deliverToSubscriber(trx, temporal, tenantId, message)) return { delivered: true };
  await bufferMessage(trx, { tenantId, ...message, receivedBy: null }, 7 * 86_400_000);
  return { delivered: false };
}

export interface PostponeInput {
  until?: string;
  days?: number;
  reason: string;
}

/**
 * A mission lead postpones the anonymisation once (409 the second time), to a later day within a year,
 * with a reason (kept on the mission until it is anonymised; the audit log says who and until when).
 * Once committed, the caller tells the running instance (`tellMissionProcess`, ANONYMISATION_POSTPONED), which plans the new day.
 */
export async function postponeAnonymisation(ctx: RequestContext, missionId: string, input: PostponeInput, now: Date) {
  const mission = await loadFor(ctx, auditMissions, missionId, 'update', true);
  const row = await ctx.trx('auditMissions').where({ id: missionId }).first('anonymiseOn', 'anonymisationPostponedUntil');
  const decided = postponement(
    { status: String(mission.status), plannedDay: row?.anonymiseOn ? String(row.anonymiseOn) : null, postponedUntil: row?.anonymisationPostponedUntil ? String(row.anonymisationPostponedUntil) : null },
    input,
  );
  if ('reason' in decided) {
    switch (decided.reason) {
      case 'already-postponed': throw new ConflictError(m('audits.postpone.already', { until: decided.until }));
      case 'anonymised': throw new ConflictError(m('audits.postpone.anonymised'));
      case 'not-delivered': throw new ConflictError(m('audits.postpone.not-delivered'));
      case 'not-later': throw new ValidationError([{ field: input.until ? 'until' : 'days', message: m('audits.postpone.not-later', { planned: decided.planned }) }]);
      case 'too-far': throw new ValidationError([{ field: input.until ? 'until' : 'days', message: m('audits.postpone.too-far', { latest: decided.latest }) }]);
    }
  }
  await ctx.trx('auditMissions').where({ id: missionId }).update({
    anonymisationPostponedUntil: decided.until, anonymiseOn: decided.until, anonymisationPostponeReason: input.reason,
    anonymisationPostponedBy: ctx.principal.userId, anonymisationPostponedAt: now,
  });
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'audits.anonymisation.postpone',
    targetType: 'audit-mission', targetId: missionId, details: { from: row?.anonymiseOn ? String(row.anonymiseOn) : null, until: decided.until },
  });
  return { missionId, anonymiseOn: decided.until, anonymiseAt: anonymiseInstant(decided.until), reason: input.reason, postponedBy: ctx.principal.userId, postponedAt: now.toISOString() };
}

/** « Mission n° 12 — Audit de la mairie (Mairie de Quimper) »: one query for the page. */
export const missionProcessLabel: BusinessLabelResolver = async (trx, instances, locale) => {
  const idOf = (i: (typeof instances)[number]) => (isUuid(i.variables?.missionId) ? i.variables!.missionId as string : isUuid(i.businessKey) ? i.businessKey : null);
  const ids = [...new Set(instances.map(idOf).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; number: number; title: string; account: string }> = await trx('auditMissions as t').join('accounts as a', 'a.id', 't.accountId')
    .whereIn('t.id', ids).select('t.id', 't.number', 't.title', 'a.name as account');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const labels = new Map<string, string>();
  for (const instance of instances) {
    const row = byId.get(idOf(instance) ?? '');
    if (row) labels.set(instance.businessKey, m('audits.process.label', { number: row.number, title: row.title, account: row.account }).render(locale));
  }
  return labels;
};
