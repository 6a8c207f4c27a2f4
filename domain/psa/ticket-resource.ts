import type { Knex } from 'knex';
import { ConflictError, ruleViolation, ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { containsUnaccented } from '../core/resources';
import { numberFor } from '../core/tenant-counter';
import { coreMessage } from '../i18n/core.messages';
import type { Principal } from '../identity/ability';
import { ticket, ticketCreate, ticketUpdate, TICKET_PRIORITIES, TICKET_STATUSES } from './ticket.schema';
import { ticketsMessage as m } from './tickets.messages';

/**
 * Tickets (spec 003 §2.3.1) on the generic record service: list (filters, SLA order, cursor), read,
 * create, change what people set (title, priority, links, assignment), delete, history. The status
 * moves by its own action (ticket-actions.ts), the SLA columns by the ticket's process, the totals by
 * approved time. Ownership: the client company (a client user reads its company's tickets: scope
 * `own` through the ticket's account), the account's sales owner, and the assigned technician
 * (`assigned`).
 */
type Row = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client user (the portal): a user of a client company. */
export function isClientUser(principal: Principal): boolean {
  return principal.type === 'client' || (principal.accountId !== null && principal.type !== 'process');
}

function oneOf(field: string, values: readonly string[]): FilterFn {
  return (qb, value) => {
    const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (!wanted.length || wanted.some((v) => !values.includes(v))) throw new ValidationError([{ field, message: coreMessage('field.one-of', { values: [...values] }) }]);
    qb.whereIn(`t.${field}`, wanted);
  };
}

/** A user filter: an id, `me` (the caller) or `null` (nobody). */
function userFilter(field: string, column: string): FilterFn {
  return (qb, value, principal) => {
    if (value === 'null') qb.whereNull(column);
    else if (value === 'me') qb.where(column, principal.userId);
    else if (UUID.test(value)) qb.where(column, value);
    else throw new ValidationError([{ field, message: m('psa.tickets.user-filter') }]);
  };
}

function refFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (value === 'null') qb.whereNull(column);
    else if (UUID.test(value)) qb.where(column, value);
    else throw new ValidationError([{ field, message: coreMessage('field.uuid-or-null') }]);
  };
}

const ACTIVE = "t.status not in ('resolved', 'closed')";
/** Breached: a deadline passed (or the process recorded a breach) on a ticket still being worked on. */
export const BREACHED = `(${ACTIVE} and (t.sla_due_at < now() or t.resolution_breached_at is not null or (t.first_response_at is null and t.response_breached_at is not null)))`;
/** At risk: not breached, and an escalation level reached (70 / 90 %) or less than an hour left. */
export const AT_RISK = `(${ACTIVE} and not ${BREACHED} and (t.sla_level >= 70 or t.sla_due_at < now() + interval '1 hour'))`;

const slaFilter: FilterFn = (qb, value) => {
  if (value === 'breached') qb.whereRaw(BREACHED);
  else if (value === 'at-risk') qb.whereRaw(AT_RISK);
  else if (value === 'ok') qb.whereRaw(`not ${BREACHED} and not ${AT_RISK}`);
  else throw new ValidationError([{ field: 'sla', message: m('psa.tickets.sla-filter') }]);
};

const openFilter: FilterFn = (qb, value) => {
  if (value === 'true') qb.whereRaw(ACTIVE);
  else if (value === 'false') qb.whereNotIn('t.status', ['open', 'in-progress', 'waiting']);
  else throw new ValidationError([{ field: 'open', message: m('psa.tickets.open-filter') }]);
};

const byDates = {
  createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
} as const;

/** The references a ticket names must be of its organisation, and of its client where they belong to one. */
export async function checkTicketReferences(trx: Knex.Transaction, accountId: string, data: Row): Promise<void> {
  const problems: Array<{ field: string; code: Parameters<typeof m>[0] }> = [];
  const exists = async (table: string, id: unknown, where: Row = {}) => id === null || id === undefined || Boolean(await trx(table).where({ id, ...where }).first('id'));
  if (!await exists('contacts', data.contactId, { accountId })) problems.push({ field: 'contactId', code: 'psa.tickets.no-such-contact' });
  if (!await exists('psaContracts', data.contractId, { accountId })) problems.push({ field: 'contractId', code: 'psa.tickets.no-such-contract' });
  if (!await exists('psaMachines', data.machineId, { accountId })) problems.push({ field: 'machineId', code: 'psa.tickets.no-such-machine' });
  if (!await exists('psaQueues', data.queueId)) problems.push({ field: 'queueId', code: 'psa.tickets.no-such-queue' });
  if (!await exists('planningTeams', data.teamId)) problems.push({ field: 'teamId', code: 'psa.tickets.no-such-team' });
  if (!await exists('psaSlaPolicies', data.slaPolicyId)) problems.push({ field: 'slaPolicyId', code: 'psa.tickets.no-such-policy' });
  if (data.assigneeId !== null && data.assigneeId !== undefined) {
    const user = await trx('users').where({ id: data.assigneeId, active: true }).whereIn('type', ['internal', 'technician']).first('id');
    if (!user) problems.push({ field: 'assigneeId', code: 'psa.tickets.no-such-assignee' });
  }
  if (problems.length) throw new ValidationError(problems.map((p) => ({ field: p.field, message: m(p.code) })));
}

/** The contract a new ticket counts on when none is named: the client's active contract (the latest started). */
async function defaultContract(trx: Knex.Transaction, accountId: string): Promise<{ id: string; slaPolicyId: string | null } | undefined> {
  return trx('psaContracts').where({ accountId, status: 'active' })
    .whereRaw("start_date <= (now() at time zone 'Europe/Paris')::date and (end_date is null or end_date >= (now() at time zone 'Europe/Paris')::date)")
    .orderBy([{ column: 'startDate', order: 'desc' }, { column: 'number', order: 'desc' }]).first('id', 'slaPolicyId');
}

/** The SLA policy of a new ticket: its contract's, else the organisation's default. */
async function defaultPolicy(trx: Knex.Transaction, contractId: unknown): Promise<string | null> {
  if (contractId) {
    const contract = await trx('psaContracts').where({ id: contractId }).first('slaPolicyId');
    if (contract?.slaPolicyId) return contract.slaPolicyId as string;
  }
  return (await trx('psaSlaPolicies').where({ isDefault: true }).first('id'))?.id ?? null;
}

const CLIENT_FIELDS = new Set(['accountId', 'title', 'description', 'priority', 'contractId', 'contactId', 'machineId', 'source', 'requesterEmail']);

export const psaTickets: RecordResource = {
  key: 'psa.ticket', subject: 'PsaTicket', recordType: 'psa-ticket', label: 'Le ticket', table: 'psa_tickets',
  createSchema: ticketCreate, updateSchema: ticketUpdate, outputSchema: ticket,
  bulkFields: ['assigneeId', 'teamId', 'queueId', 'priority'],
  accountLink: 'accountId',
  ownership: {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId')
        .leftJoin('users as assignee', 'assignee.id', 't.assigneeId')
        .leftJoin('contacts as ct', 'ct.id', 't.contactId')
        .leftJoin('planningTeams as team', 'team.id', 't.teamId')
        .leftJoin('psaQueues as q', 'q.id', 't.queueId')
        .leftJoin('psaContracts as k', 'k.id', 't.contractId')
        .leftJoin('psaMachines as mc', 'mc.id', 't.machineId')
        .select('a.name as accountName', 'assignee.displayName as assigneeName', 'team.name as teamName', 'q.name as queueName',
          'k.name as contractName', 'mc.hostname as machineHostname')
        .select(trx.raw("nullif(trim(coalesce(ct.first_name, '') || ' ' || coalesce(ct.last_name, '')), '') as contact_name"));
    },
    owner: 'a.ownerId', support: 't.assigneeId', account: 't.accountId',
  },
  filters: {
    status: oneOf('status', TICKET_STATUSES),
    priority: oneOf('priority', TICKET_PRIORITIES),
    source: oneOf('source', ['manual', 'email', 'portal', 'rmm']),
    assigneeId: userFilter('assigneeId', 't.assigneeId'),
    teamId: refFilter('teamId', 't.teamId'),
    queueId: refFilter('queueId', 't.queueId'),
    accountId: refFilter('accountId', 't.accountId'),
    contractId: refFilter('contractId', 't.contractId'),
    machineId: refFilter('machineId', 't.machineId'),
    /** `breached`, `at-risk` or `ok`. */
    sla: slaFilter,
    /** `true`: neither resolved nor closed. */
    open: openFilter,
  },
  sorts: {
    /** Breached first (their deadline is past), then least time left; tickets without a deadline last. */
    sla: { column: 'slaSortAt', direction: 'asc' }, '-sla': { column: 'slaSortAt', direction: 'desc' },
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' },
    ...byDates,
  },
  defaultSort: '-createdAt',
  quickSearch: containsUnaccented("f_unaccent(lower(t.title || ' ' || a.name || ' ' || t.number::text))"),
  async prepareCreate({ trx, principal }, data) {
    const client = isClientUser(principal);
    if (client) {
      const extra = Object.keys(data).filter((k) => !CLIENT_FIELDS.has(k) && data[k] !== undefined && data[k] !== null);
      if (extra.length) throw ruleViolation(extra[0]!, m('psa.tickets.client-fields'));
    }
    const accountId = data.accountId as string;
    const out: Row = { ...data };
    if (out.contractId === undefined) out.contractId = (await defaultContract(trx, accountId))?.id ?? null;
    if (!out.priority) out.priority = 'normal';
    await checkTicketReferences(trx, accountId, out);
    if (out.contractId) {
      const active = await trx('psaContracts').where({ id: out.contractId, status: 'active' }).first('id');
      if (!active) throw new ValidationError([{ field: 'contractId', message: m('psa.tickets.no-such-contract') }]);
    }
    if (out.slaPolicyId === undefined || out.slaPolicyId === null) out.slaPolicyId = await defaultPolicy(trx, out.contractId);
    if (client) {
      out.source = 'portal';
      const me = await trx('users').where({ id: principal.userId }).first('email');
      out.requesterEmail ??= me?.email ?? null;
      if (out.contactId === undefined && me?.email) {
        out.contactId = (await trx('contacts').where({ accountId }).whereRaw('lower(email) = lower(?)', [me.email]).first('id'))?.id ?? null;
      }
    }
    out.source ??= 'manual';
    return { ...out, number: await numberFor(trx, principal.tenantId, 'psa-ticket') };
  },
  async prepareUpdate({ trx, current }, patch) {
    await checkTicketReferences(trx, current.accountId as string, patch);
    if (current.status === 'closed') throw new ConflictError(m('psa.tickets.closed', { number: Number(current.number) }));
    return { ...patch, updatedAt: trx.fn.now() };
  },
  async prepareDelete({ trx, current }) {
    const [{ count }] = await trx('psaTimeEntries').where({ ticketId: current.id }).count<Array<{ count: string }>>('* as count');
    if (Number(count) > 0) throw new ConflictError(m('psa.tickets.has-time', { number: Number(current.number), entries: Number(count) }));
  },
};
