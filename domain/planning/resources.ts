import type { Knex } from 'knex';
import { ValidationError, type FieldProblem } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { coreMessage } from '../i18n/core.messages';
import type { Principal } from '../identity/ability';
import { refuseConflict } from './conflicts';
import { entry, entryCreate, entryUpdate, team, teamCreate, teamUpdate } from './entry.schema';
import { planningMessage as m } from './planning.messages';
import { organisationCalendar } from './working-hours';

type Row = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;
export const MAX_ENTRY_DAYS = 62;

const byDates = {
  createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
} as const;

function instantFilter(field: string, apply: (qb: Knex.QueryBuilder, at: Date) => void): FilterFn {
  return (qb, value) => {
    const at = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) throw new ValidationError([{ field, message: coreMessage('field.date-time') }]);
    apply(qb, at);
  };
}

function idFilter(field: string, apply: (qb: Knex.QueryBuilder, id: string) => void): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    apply(qb, value);
  };
}

/** One of a fixed list of values (`?kind=absence`). */
function oneOf(field: string, column: string, values: readonly string[]): FilterFn {
  return (qb, value) => {
    if (!values.includes(value)) throw new ValidationError([{ field, message: coreMessage('field.one-of', { values: [...values] }) }]);
    qb.where(column, value);
  };
}

/**
 * Entries' ownership: `own` is the person's own agenda; `assigned` the agendas of the reader and of the
 * people who share a team with them: a technician sees his own and his team's (grants.ts).
 */
const entryOwnership = {
  joins: (qb: Knex.QueryBuilder, trx: Knex.Transaction) => {
    qb.join('users as u', 'u.id', 't.userId')
      .leftJoin('accounts as a', 'a.id', 't.accountId')
      .leftJoin('sites as s', 's.id', 't.siteId')
      // The reader and everyone who shares a team with them (a permission has one scope: `assigned` covers their own too).
      .leftJoin(trx.raw(`(select app_user_id() as member_id, app_user_id() as mate_id
          union select mine.user_id, app_user_id() from planning_team_members mine
            join planning_team_members me on me.team_id = mine.team_id and me.user_id = app_user_id()) as mate`), 'mate.member_id', 't.user_id')
      .select('u.displayName as userName', 'a.name as accountName', 's.name as siteName');
  },
  owner: 't.userId', support: 'mate.mateId', account: 't.accountId',
};

/** Checks what an entry says of itself and of what it points to; answers the columns to write. */
async function checkEntry(trx: Knex.Transaction, merged: Row, patch: Row): Promise<Row> {
  const problems: FieldProblem[] = [];
  const out = { ...patch };
  const kind = merged.kind as string;
  if (kind === 'intervention' && !merged.mode) problems.push({ field: 'mode', message: m('planning.mode-required') });
  if (kind !== 'intervention' && merged.mode) problems.push({ field: 'mode', message: m('planning.only-intervention-mode') });
  if (kind === 'absence' && !merged.absenceReason) problems.push({ field: 'absenceReason', message: m('planning.reason-required') });
  if (kind !== 'absence' && merged.absenceReason) problems.push({ field: 'absenceReason', message: m('planning.only-absence-reason') });
  if (!merged.recordType !== !merged.recordId) problems.push({ field: merged.recordType ? 'recordId' : 'recordType', message: m('planning.record-pair') });
  const start = new Date(merged.startsAt as string).getTime();
  const end = new Date(merged.endsAt as string).getTime();
  if (end <= start) problems.push({ field: 'endsAt', message: m('planning.ends-before-start') });
  else if (end - start > MAX_ENTRY_DAYS * DAY_MS) problems.push({ field: 'endsAt', message: m('planning.too-long') });
  if (patch.userId !== undefined) {
    const user = await trx('users').where({ id: patch.userId, active: true }).whereNot('type', 'client').first('id');
    if (!user) problems.push({ field: 'userId', message: m('planning.no-such-user') });
  }
  if (patch.accountId) {
    const account = await trx('accounts').where('id', patch.accountId).first('id');
    if (!account) problems.push({ field: 'accountId', message: m('planning.no-such-account') });
  }
  if (merged.siteId && (patch.siteId !== undefined || patch.accountId !== undefined)) {
    const site = await trx('sites').where('id', merged.siteId).first('accountId');
    if (!site || (merged.accountId && site.accountId !== merged.accountId)) problems.push({ field: 'siteId', message: m('planning.no-such-site') });
    else if (!merged.accountId) out.accountId = site.accountId;
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** Refuses an entry that overlaps another live entry of the same person (unless it is itself cancelled). */
async function checkConflict(trx: Knex.Transaction, principal: Principal, merged: Row, excludeId?: string): Promise<void> {
  if (merged.status === 'cancelled') return;
  const { timeZone } = await organisationCalendar(trx);
  await refuseConflict(trx, {
    tenantId: principal.tenantId, userId: merged.userId as string, startsAt: merged.startsAt as string, endsAt: merged.endsAt as string, excludeId, zone: timeZone,
  });
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

export const planningEntries: RecordResource = {
  key: 'planning.entry', subject: 'PlanningEntry', recordType: 'planning-entry', label: 'The agenda entry', table: 'planning_entries',
  createSchema: entryCreate, updateSchema: entryUpdate, outputSchema: entry,
  accountLink: null,
  ownership: entryOwnership,
  filters: {
    /** Entries that end after `from` and start before `to`: what a calendar shows between the two. */
    from: instantFilter('from', (qb, at) => { qb.where('t.endsAt', '>', at); }),
    to: instantFilter('to', (qb, at) => { qb.where('t.startsAt', '<', at); }),
    userId: (qb, value, principal) => {
      if (value === 'me') qb.where('t.userId', principal.userId);
      else if (UUID.test(value)) qb.where('t.userId', value);
      else throw new ValidationError([{ field: 'userId', message: m('planning.user-filter') }]);
    },
    teamId: idFilter('teamId', (qb, id) => { qb.whereIn('t.userId', (sub: Knex.QueryBuilder) => { sub.from('planningTeamMembers').where('teamId', id).select('userId'); }); }),
    accountId: idFilter('accountId', (qb, id) => { qb.where('t.accountId', id); }),
    recordId: idFilter('recordId', (qb, id) => { qb.where('t.recordId', id); }),
    kind: oneOf('kind', 't.kind', ['intervention', 'absence', 'appointment']),
    status: oneOf('status', 't.status', ['planned', 'done', 'cancelled']),
  },
  sorts: { startsAt: { column: 'startsAt', direction: 'asc' }, '-startsAt': { column: 'startsAt', direction: 'desc' }, ...byDates },
  defaultSort: 'startsAt',
  async prepareCreate({ trx, principal }, data) {
    const merged: Row = { status: 'planned', ...data, userId: data.userId ?? principal.userId };
    const out = await checkEntry(trx, merged, merged);
    await checkConflict(trx, principal, { ...merged, ...out });
    return out;
  },
  async prepareUpdate({ trx, principal, current }, patch) {
    const merged: Row = { ...current, startsAt: iso(current.startsAt), endsAt: iso(current.endsAt), ...patch };
    const out = await checkEntry(trx, merged, patch);
    const moved = ['userId', 'startsAt', 'endsAt', 'status'].some((k) => patch[k] !== undefined);
    if (moved) await checkConflict(trx, principal, { ...merged, ...out }, current.id as string);
    return out;
  },
};

export const planningTeams: RecordResource = {
  key: 'planning.team', subject: 'PlanningTeam', recordType: 'planning-team', label: 'The team', table: 'planning_teams',
  createSchema: teamCreate, updateSchema: teamUpdate, outputSchema: team,
  accountLink: null,
  ownership: {
    joins: (qb, trx) => { qb.select(trx.raw('array(select m.user_id from planning_team_members m where m.team_id = t.id order by m.user_id) as member_ids')); },
    owner: null, support: null, account: null,
  },
  filters: {
    userId: idFilter('userId', (qb, id) => { qb.whereIn('t.id', (sub: Knex.QueryBuilder) => { sub.from('planningTeamMembers').where('userId', id).select('teamId'); }); }),
  },
  sorts: { name: { column: 'name', direction: 'asc' }, '-name': { column: 'name', direction: 'desc' }, ...byDates },
  defaultSort: 'name',
  quickSearch: (qb, term) => { qb.whereRaw("t.name ilike '%' || ? || '%'", [term.replace(/[\\%_]/g, (c) => `\\${c}`)]); },
};
