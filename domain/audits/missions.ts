import type { Knex } from 'knex';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { containsUnaccented } from '../core/resources';
import { numberFor } from '../core/tenant-counter';
import { ConflictError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { mission, missionCreate, missionUpdate, MISSION_STATUSES } from './mission.schema';
import { missionsMessage as m } from './missions.messages';

/**
 * Audit missions (`audits.mission`, spec 000, issue 16) on the generic record service: list
 * (filters `status`, `leadId`, `auditorId`, `accountId`), read, create, change, delete while new,
 * history. The status moves by its own action (mission-status.ts). Who sees one: scope `all`
 * (mission leads, administration), `own` its lead, `assigned` the auditors named in `auditor_ids`
 * (the array ownership fact of ADR 0033) — any other mission answers 404.
 */
type Row = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const statusFilter: FilterFn = (qb, value) => {
  const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (!wanted.length || wanted.some((v) => !(MISSION_STATUSES as readonly string[]).includes(v))) throw new ValidationError([{ field: 'status', message: m('audits.missions.status-filter') }]);
  qb.whereIn('t.status', wanted);
};

/** A person filter: an id or `me` (the caller). */
function userFilter(field: string, match: (qb: Knex.QueryBuilder, id: string) => void): FilterFn {
  return (qb, value, principal) => {
    const id = value === 'me' ? principal.userId : value;
    if (!UUID.test(String(id))) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    match(qb, id);
  };
}

const accountFilter: FilterFn = (qb, value) => {
  if (!UUID.test(value)) throw new ValidationError([{ field: 'accountId', message: coreMessage('field.uuid') }]);
  qb.where('t.accountId', value);
};

/** The people and the quote a mission names must exist in the organisation (the quote: this client's). */
async function checkReferences(trx: Knex.Transaction, merged: Row): Promise<void> {
  if (merged.endsOn && merged.startsOn && String(merged.endsOn) < String(merged.startsOn)) throw new ValidationError([{ field: 'endsOn', message: m('audits.missions.end-before-start') }]);
  const people = [...(merged.leadId ? [['leadId', merged.leadId]] : []), ...((merged.auditorIds as string[] | undefined) ?? []).map((id) => ['auditorIds', id])] as Array<[string, string]>;
  if (people.length) {
    const found = new Set((await trx('users').whereIn('id', people.map(([, id]) => id)).where({ active: true }).select('id')).map((u: Row) => u.id as string));
    const missing = people.find(([, id]) => !found.has(id));
    if (missing) throw new ValidationError([{ field: missing[0], message: m('audits.missions.no-such-user') }]);
  }
  if (merged.quoteId && !(await trx('billingQuotes').where({ id: merged.quoteId, accountId: merged.accountId }).first('id'))) {
    throw new ValidationError([{ field: 'quoteId', message: m('audits.missions.no-such-quote') }]);
  }
}

export const auditMissions: RecordResource = {
  key: 'audits.mission', subject: 'AuditMission', recordType: 'audit-mission', label: 'La mission', table: 'audit_missions',
  createSchema: missionCreate, updateSchema: missionUpdate, outputSchema: mission,
  accountLink: 'accountId',
  bulkFields: ['leadId'],
  ownership: {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId').leftJoin('users as l', 'l.id', 't.leadId').leftJoin('billing_quotes as q', 'q.id', 't.quoteId')
        .select('a.name as accountName', 'l.displayName as leadName', 'q.number as quoteNumber',
          trx.raw('array(select u.display_name from users u where u.id = any(t.auditor_ids) order by u.display_name) as auditor_names'));
    },
    owner: 't.leadId', support: null, account: 't.accountId', assignees: 't.auditorIds',
  },
  filters: {
    status: statusFilter,
    leadId: userFilter('leadId', (qb, id) => qb.where('t.leadId', id)),
    auditorId: userFilter('auditorId', (qb, id) => qb.whereRaw('?::uuid = any(t.auditor_ids)', [id])),
    accountId: accountFilter,
    quoteId: 'quoteId',
  },
  sorts: {
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
  },
  defaultSort: '-number',
  quickSearch: containsUnaccented("f_unaccent(lower(t.title || ' ' || a.name))"),
  async prepareCreate({ trx, principal, number }, data) {
    await checkReferences(trx, data);
    return { ...data, number: await numberFor(trx, principal.tenantId, 'audit-mission', number) };
  },
  async prepareUpdate({ trx, current }, patch) {
    if ('status' in patch) throw new ValidationError([{ field: 'status', message: m('audits.missions.status-by-action') }]);
    if (current.status === 'anonymised') throw new ConflictError(m('audits.missions.anonymised', { number: Number(current.number) }));
    await checkReferences(trx, { ...current, ...patch });
    return patch;
  },
  async prepareDelete({ current }) {
    if (current.status !== 'new') throw new ConflictError(m('audits.missions.in-use', { number: Number(current.number) }));
  },
};
