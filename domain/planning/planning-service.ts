import { z } from 'zod';
import { appendHistoryAs, getRecord, type RequestContext } from '../core/record-service';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { scopeOf } from '../identity/ability';
import { teamCapacity } from './capacity';
import { icalTokenSince, renewIcalToken } from './ical';
import { planningMessage as m } from './planning.messages';
import { planningTeams } from './resources';
import { calendarsOf, clearWorkingHours, setWorkingHours, type WorkingHoursInput } from './working-hours';

const TEAM = { fr: 'équipe', en: 'team' };
export const MAX_CAPACITY_DAYS = 190;

const forbidden = (permission: string) => new ForbiddenError(coreMessage('record.forbidden-kind', { fr: 'plannings', en: 'agendas', permission }));

/** A period of the query (`2026-12-14` or an instant): local days are read at midnight UTC, the API's callers give instants. */
const instantOrDay = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime()), { message: 'field.date-time' });
export const capacityQuery = z.object({ teamId: z.string().uuid('field.uuid'), from: instantOrDay, to: instantOrDay }).strict();
export const membersInput = z.object({ userIds: z.array(z.string().uuid('field.uuid')).max(200) }).strict();

/** Whether the reader's teams include `userId`'s (or it is themself). */
async function isTeammate(ctx: RequestContext, userId: string): Promise<boolean> {
  if (userId === ctx.principal.userId) return true;
  const shared = await ctx.trx('planningTeamMembers as a').join('planningTeamMembers as b', 'b.teamId', 'a.teamId')
    .where({ 'a.userId': userId, 'b.userId': ctx.principal.userId }).first('a.teamId');
  return Boolean(shared);
}

function readsAllAgendas(ctx: RequestContext): boolean {
  return scopeOf(ctx.ability, 'read', 'PlanningEntry') === null;
}

/** The capacity forecast of a team: per person and per week, available hours, planned hours, load. */
export async function capacityOf(ctx: RequestContext, query: z.infer<typeof capacityQuery>) {
  if (!ctx.ability.can('read', 'PlanningEntry')) throw forbidden('planning.entry.read');
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw new ValidationError([{ field: 'to', message: m('planning.ends-before-start') }]);
  if (to.getTime() - from.getTime() > MAX_CAPACITY_DAYS * 86_400_000) throw new ValidationError([{ field: 'to', message: m('planning.range-too-long', { days: MAX_CAPACITY_DAYS }) }]);
  const team = await ctx.trx('planningTeams').where('id', query.teamId).first('id', 'name');
  if (!team) throw new NotFoundError(TEAM);
  if (!readsAllAgendas(ctx)) {
    const member = await ctx.trx('planningTeamMembers').where({ teamId: team.id, userId: ctx.principal.userId }).first('userId');
    if (!member) throw new NotFoundError(TEAM);
  }
  return { teamId: team.id as string, teamName: team.name as string, from: from.toISOString(), to: to.toISOString(), ...await teamCapacity(ctx.trx, team.id, from, to) };
}

/** Sets who is in a team (active people of the organisation, no client user); noted in the team's history. */
export async function setTeamMembers(ctx: RequestContext, teamId: string, userIds: readonly string[]) {
  const before = await getRecord(ctx, planningTeams, teamId);
  if (!ctx.ability.can('update', 'PlanningTeam')) throw forbidden('planning.team.update');
  const wanted = [...new Set(userIds)];
  const found = wanted.length ? await ctx.trx('users').whereIn('id', wanted).where('active', true).whereNot('type', 'client').pluck('id') : [];
  const missing = wanted.filter((id) => !found.includes(id));
  if (missing.length) throw new ValidationError(missing.map((id) => ({ field: `userIds[${wanted.indexOf(id)}]`, message: m('planning.no-such-user') })));
  await ctx.trx('planningTeamMembers').where('teamId', teamId).delete();
  if (wanted.length) await ctx.trx('planningTeamMembers').insert(wanted.map((userId) => ({ tenantId: ctx.principal.tenantId, teamId, userId })));
  await ctx.trx('planningTeams').where('id', teamId).update({ version: ctx.trx.raw('version + 1') });
  const after = await getRecord(ctx, planningTeams, teamId);
  await appendHistoryAs(ctx, { recordType: planningTeams.recordType, recordId: teamId, action: 'update', changes: { memberIds: { before: before.memberIds, after: after.memberIds } } });
  return after;
}

/** May the reader see (or change, `write`) the agenda settings of `userId`? Themself, a teammate for reading, or whoever manages the agendas. */
async function checkPerson(ctx: RequestContext, userId: string, write: boolean): Promise<void> {
  if (write ? ctx.ability.can('update', 'PlanningTeam') : readsAllAgendas(ctx)) return;
  if (!ctx.ability.can('read', 'PlanningEntry')) throw forbidden('planning.entry.read');
  if (write ? userId !== ctx.principal.userId : !(await isTeammate(ctx, userId))) throw forbidden(write ? 'planning.team.update' : 'planning.entry.read');
}

/**
 * The people whose agendas the reader may see, with their teams: every active internal person for
 * who reads every agenda, else the reader and their teammates (the agenda's person picker).
 */
export async function agendaPeople(ctx: RequestContext) {
  if (!ctx.ability.can('read', 'PlanningEntry')) throw forbidden('planning.entry.read');
  const query = ctx.trx('users as u').where('u.active', true).whereNot('u.type', 'client').orderBy('u.displayName')
    .select('u.id', 'u.displayName as name', ctx.trx.raw('array(select m.team_id from planning_team_members m where m.user_id = u.id order by m.team_id) as team_ids'));
  if (!readsAllAgendas(ctx)) {
    query.where((w) => w.where('u.id', ctx.principal.userId).orWhereIn('u.id', (sub) => {
      sub.from('planningTeamMembers as a').join('planningTeamMembers as b', 'b.teamId', 'a.teamId').where('b.userId', ctx.principal.userId).select('a.userId');
    }));
  }
  return (await query) as Array<{ id: string; name: string; teamIds: string[] }>;
}

/** A person's working week: their own, or the organisation's calendar (`own: false`). */
export async function workingHoursOf(ctx: RequestContext, userId: string) {
  await checkPerson(ctx, userId, false);
  const user = await ctx.trx('users').where('id', userId).first('id');
  if (!user) throw new NotFoundError({ fr: 'personne', en: 'person' });
  const calendar = (await calendarsOf(ctx.trx, [userId])).get(userId)!;
  return { userId, own: calendar.own, timeZone: calendar.timeZone, weeklyHours: calendar.weeklyHours, holidays: calendar.holidays };
}

/** Sets (or, with null, clears) a person's working week: who manages the teams does. */
export async function changeWorkingHours(ctx: RequestContext, userId: string, input: WorkingHoursInput | null) {
  if (!ctx.ability.can('update', 'PlanningTeam')) throw forbidden('planning.team.update');
  const user = await ctx.trx('users').where('id', userId).first('id');
  if (!user) throw new NotFoundError({ fr: 'personne', en: 'person' });
  if (input) await setWorkingHours(ctx.trx, ctx.principal.tenantId, userId, input);
  else await clearWorkingHours(ctx.trx, userId);
  return workingHoursOf(ctx, userId);
}

/** Whether the reader's iCalendar feed has an address, and since when. */
export async function myIcalFeed(ctx: RequestContext) {
  if (!ctx.ability.can('read', 'PlanningEntry')) throw forbidden('planning.entry.read');
  const since = await icalTokenSince(ctx.trx, ctx.principal.userId);
  return { active: since !== null, since: since ? new Date(since).toISOString() : null };
}

/** A new secret address for the reader's own feed (the previous one stops answering). The token is shown this once. */
export async function renewMyIcalFeed(ctx: RequestContext) {
  if (!ctx.ability.can('read', 'PlanningEntry')) throw forbidden('planning.entry.read');
  const token = await renewIcalToken(ctx.trx, ctx.principal.tenantId, ctx.principal.userId);
  return { token, path: `/api/v1/planning/ical/${token}.ics` };
}
