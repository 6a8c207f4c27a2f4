import type { Knex } from 'knex';
import { ruleViolation, ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { containsUnaccented } from '../core/resources';
import { numberFor } from '../core/tenant-counter';
import type { Principal } from '../identity/ability';
import { client, clientCreate, clientUpdate } from './client.schema';
import { contract, contractCreate, contractUpdate } from './contract.schema';
import { event, eventCreate, eventUpdate } from './event.schema';
import { coreMessage } from '../i18n/core.messages';
import { eventsMessage as m } from './events.messages';

const byDates = {
  createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
} as const;
const byNumber = { number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' } } as const;

/** `true` / `false` filters (`?signed=false`). */
function booleanFilter(field: string, apply: (qb: Knex.QueryBuilder, yes: boolean) => void): FilterFn {
  return (qb, value) => {
    if (value !== 'true' && value !== 'false') throw new ValidationError([{ field, message: coreMessage('field.boolean-text') }]);
    apply(qb, value === 'true');
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user filter: a user id, `me` (the caller) or `null` (nobody). */
function userFilter(field: string, column: string): FilterFn {
  return (qb, value, principal: Principal) => {
    if (value === 'null') qb.whereNull(column);
    else if (value === 'me') qb.where(column, principal.userId);
    else if (UUID.test(value)) qb.where(column, value);
    else throw new ValidationError([{ field, message: m('events.user-filter') }]);
  };
}

/** The human number people quote ("contract 652"). */
function numberFilter(column: string): FilterFn {
  return (qb, value) => {
    if (!/^\d{1,9}$/.test(value)) throw new ValidationError([{ field: 'number', message: m('events.number-filter') }]);
    qb.where(column, Number(value));
  };
}

function idFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where(column, value);
  };
}

/** The referenced user must be an active member of the organisation holding the role. */
async function requireUserWithRole(trx: Knex.Transaction, id: unknown, field: string, roleKey: string, label: string): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await trx('users as u').join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId')
    .where({ 'u.id': id, 'u.active': true, 'r.key': roleKey }).first('u.id');
  if (!found) throw new ValidationError([{ field, message: m('events.not-department-member', { department: label }) }]);
}

export const eventClients: RecordResource = {
  key: 'events.client', subject: 'EventClient', recordType: 'event-client', label: 'The client', table: 'event_clients',
  createSchema: clientCreate, updateSchema: clientUpdate, outputSchema: client,
  bulkFields: ['salesContactId'],
  accountLink: null,
  ownership: {
    joins: (qb) => { qb.leftJoin('users as sales', 'sales.id', 't.salesContactId').select('sales.displayName as salesContactName'); },
    owner: 't.salesContactId', support: null, account: null,
  },
  filters: { number: numberFilter('t.number'), salesContactId: userFilter('salesContactId', 't.salesContactId') },
  sorts: {
    fullName: { column: 'fullName', direction: 'asc' }, '-fullName': { column: 'fullName', direction: 'desc' }, ...byNumber, ...byDates,
  },
  defaultSort: 'fullName',
  quickSearch: containsUnaccented('t.search_name'),
  async prepareCreate({ trx, principal, ownScopedOnly, number }, data) {
    // Spec 001: "Créer des clients (le client leur sera automatiquement associé)".
    if (data.salesContactId === undefined) data.salesContactId = ownScopedOnly ? principal.userId : null;
    await requireUserWithRole(trx, data.salesContactId, 'salesContactId', 'sales', 'sales');
    return { ...data, number: await numberFor(trx, principal.tenantId, 'event-client', number) };
  },
  async prepareUpdate({ trx }, patch) {
    await requireUserWithRole(trx, patch.salesContactId, 'salesContactId', 'sales', 'sales');
    return { ...patch, updatedAt: trx.fn.now() };
  },
};

export const eventContracts: RecordResource = {
  key: 'events.contract', subject: 'EventContract', recordType: 'event-contract', label: 'The contract', table: 'event_contracts',
  createSchema: contractCreate, updateSchema: contractUpdate, outputSchema: contract,
  accountLink: null,
  ownership: {
    joins: (qb) => {
      qb.join('event_clients as c', 'c.id', 't.clientId').leftJoin('users as sales', 'sales.id', 'c.salesContactId')
        .select('c.fullName as clientName', 'c.salesContactId as salesContactId', 'sales.displayName as salesContactName');
    },
    owner: 'c.salesContactId', support: null, account: null,
  },
  filters: {
    number: numberFilter('t.number'),
    clientId: idFilter('clientId', 't.clientId'),
    salesContactId: userFilter('salesContactId', 'c.salesContactId'),
    signed: booleanFilter('signed', (qb, yes) => { qb.where('t.signed', yes); }),
    fullyPaid: booleanFilter('fullyPaid', (qb, yes) => { if (yes) qb.where('t.amountDueCents', 0); else qb.where('t.amountDueCents', '>', 0); }),
  },
  sorts: {
    ...byNumber, ...byDates,
    amountDueCents: { column: 'amountDueCents', direction: 'asc' }, '-amountDueCents': { column: 'amountDueCents', direction: 'desc' },
  },
  defaultSort: '-number',
  quickSearch: containsUnaccented('c.search_name'),
  async prepareCreate({ trx, principal, number }, data) {
    const found = await trx('event_clients').where({ id: data.clientId }).first('id');
    if (!found) throw new ValidationError([{ field: 'clientId', message: m('events.no-such-client') }]);
    return { ...data, amountDueCents: data.amountDueCents ?? data.totalAmountCents, number: await numberFor(trx, principal.tenantId, 'event-contract', number) };
  },
  async prepareUpdate({ trx, current }, patch) {
    const total = (patch.totalAmountCents ?? current.totalAmountCents) as number;
    const due = (patch.amountDueCents ?? current.amountDueCents) as number;
    if (due > Number(total)) throw new ValidationError([{ field: patch.amountDueCents !== undefined ? 'amountDueCents' : 'totalAmountCents', message: m('events.due-above-total') }]);
    return { ...patch, updatedAt: trx.fn.now() };
  },
};

export const eventEvents: RecordResource = {
  key: 'events.event', subject: 'Event', recordType: 'event', label: 'The event', table: 'event_events',
  createSchema: eventCreate, updateSchema: eventUpdate, outputSchema: event,
  bulkFields: ['supportContactId'],
  accountLink: null,
  ownership: {
    joins: (qb, trx) => {
      qb.join('event_contracts as k', 'k.id', 't.contractId').join('event_clients as c', 'c.id', 'k.clientId')
        .leftJoin('users as support', 'support.id', 't.supportContactId')
        .select('k.number as contractNumber', 'c.id as clientId', 'c.fullName as clientName', 'c.email as clientEmail', 'c.phone as clientPhone',
          'support.displayName as supportContactName',
          trx.raw("case when t.closed_at is null then 'planned' else 'closed' end as status"));
    },
    owner: 'c.salesContactId', support: 't.supportContactId', account: null,
  },
  filters: {
    number: numberFilter('t.number'),
    contractId: idFilter('contractId', 't.contractId'),
    clientId: idFilter('clientId', 'k.clientId'),
    supportContactId: userFilter('supportContactId', 't.supportContactId'),
    withoutSupport: booleanFilter('withoutSupport', (qb, yes) => { if (yes) qb.whereNull('t.supportContactId'); else qb.whereNotNull('t.supportContactId'); }),
    /** "My events" (spec 001, support): the events the caller is responsible for. */
    mine: (qb, value, principal) => {
      if (value !== 'true') throw new ValidationError([{ field: 'mine', message: m('events.mine-filter') }]);
      qb.where('t.supportContactId', principal.userId);
    },
    status: (qb, value) => {
      if (value === 'planned') qb.whereNull('t.closedAt');
      else if (value === 'closed') qb.whereNotNull('t.closedAt');
      else throw new ValidationError([{ field: 'status', message: m('events.status-filter') }]);
    },
  },
  sorts: {
    startsAt: { column: 'startsAt', direction: 'asc' }, '-startsAt': { column: 'startsAt', direction: 'desc' }, ...byNumber, ...byDates,
  },
  defaultSort: 'startsAt',
  quickSearch: containsUnaccented("f_unaccent(lower(t.name || ' ' || c.full_name || ' ' || coalesce(t.location, '')))"),
  async prepareCreate({ trx, principal, number }, data) {
    const found = await trx('event_contracts').where({ id: data.contractId }).first('id', 'signed');
    if (!found) throw new ValidationError([{ field: 'contractId', message: m('events.no-such-contract') }]);
    // Spec 001: an event is created "pour un de leurs clients qui a signé un contrat".
    if (!found.signed) throw ruleViolation('contractId', m('events.contract-not-signed'));
    await requireUserWithRole(trx, data.supportContactId, 'supportContactId', 'support', 'support');
    return { ...data, number: await numberFor(trx, principal.tenantId, 'event', number) };
  },
  async prepareUpdate({ trx, current }, patch) {
    await requireUserWithRole(trx, patch.supportContactId, 'supportContactId', 'support', 'support');
    if (current.closedAt && Object.keys(patch).some((k) => k !== 'notes')) {
      throw ruleViolation(Object.keys(patch).find((k) => k !== 'notes')!, m('events.event-closed'));
    }
    return { ...patch, updatedAt: trx.fn.now() };
  },
};
