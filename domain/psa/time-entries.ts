import type { Knex } from 'knex';
import { appendHistoryAs, getRecord, isUuid, loadFor, updateRecord, type RequestContext } from '../core/record-service';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { containsUnaccented } from '../core/resources';
import { ConflictError, ForbiddenError, ValidationError, type ExpectedVersion } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { scopeOf } from '../identity/ability';
import { deductApprovedTime, reverseTimeEntry, type TimeKind } from './hour-ledger';
import { queueTimeApproved } from './ticket-process';
import type { AlertOutcome } from './hour-bank-alerts';
import { timeMessage as m } from './time.messages';
import { TIME_STATUSES, timeEntry, timeEntryCreate, timeEntryUpdate } from './time-entry.schema';

/**
 * Time entries (spec 003 §2.3.2, §6.1; issue 14): a technician enters time on a ticket (by hand or
 * with the timer), edits it while it is a draft or sent back, submits it; a manager approves it or
 * asks for changes. Only approved time counts: its approval, in one transaction, deducts it from
 * the ticket's contract (the hour ledger: what the bank covers, the rest billed outside it), adds
 * it to the ticket's approved minutes and billable amount, and feeds the pre-billing queue when the
 * ticket is already closed. A manager may correct an approved entry: its deduction is reversed and
 * made again with the new figures, the ticket's totals moved by the difference.
 *
 * Rates are copied when the entry is written: the technician's hourly cost (`psa_technician_rates`,
 * else 0), and the hourly price — the ticket's contract's hourly rate when it has one above 0, else
 * the technician's rate. `cost_cents` and `price_cents` are the entry's internal and external
 * value (minutes × hourly figure, rounded to the cent; non-billable time has no price); what it
 * bills is its billed minutes at the hourly price, known at approval.
 */
type Row = Record<string, unknown>;

export const PSA_TIME_ENTRY = 'psa.time-entry';
const TICKET_RECORD_TYPE = 'psa.ticket';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What `minutes` at `hourlyCents` an hour are worth, rounded to the cent. */
export const minutesValue = (minutes: number, hourlyCents: number): number => Math.round((minutes * hourlyCents) / 60);

/** The external value of an entry: none for non-billable time. */
export const entryPrice = (minutes: number, kind: string, hourlyRateCents: number): number => (kind === 'non-billable' ? 0 : minutesValue(minutes, hourlyRateCents));

function oneOf(field: string, column: string, values: readonly string[]): FilterFn {
  return (qb, value) => {
    const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (!wanted.length || wanted.some((v) => !values.includes(v))) throw new ValidationError([{ field, message: coreMessage('field.one-of', { values: [...values] }) }]);
    qb.whereIn(column, wanted);
  };
}

function idFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where(column, value);
  };
}

/** `me`, or a collaborator's id. */
const userFilter: FilterFn = (qb, value, principal) => {
  if (value === 'me') qb.where('t.userId', principal.userId);
  else if (UUID.test(value)) qb.where('t.userId', value);
  else throw new ValidationError([{ field: 'userId', message: m('psa.time.user-filter') }]);
};

/** `week=2026-12-07`: the entries started that week (Monday to Sunday, Paris time). */
const weekFilter: FilterFn = (qb, value) => {
  const monday = DAY.test(value) ? new Date(`${value}T12:00:00Z`) : null;
  if (!monday || Number.isNaN(monday.getTime()) || monday.getUTCDay() !== 1) throw new ValidationError([{ field: 'week', message: m('psa.time.week-filter') }]);
  qb.whereRaw("t.started_at >= (?::date)::timestamp at time zone 'Europe/Paris' and t.started_at < (?::date + 7)::timestamp at time zone 'Europe/Paris'", [value, value]);
};

/** The rates an entry copies: the technician's cost, and the contract's hourly rate, else the technician's. */
async function ratesFor(trx: Knex.Transaction, userId: string, contractId: string | null): Promise<{ hourlyCostCents: number; hourlyRateCents: number }> {
  const own = (await trx('psaTechnicianRates').where({ userId }).first('hourlyCostCents', 'hourlyRateCents')) as Row | undefined;
  const contract = contractId ? ((await trx('psaContracts').where({ id: contractId }).first('hourlyRateCents')) as Row | undefined) : undefined;
  const contractRate = Number(contract?.hourlyRateCents ?? 0);
  return {
    hourlyCostCents: Number(own?.hourlyCostCents ?? 0),
    hourlyRateCents: contractRate > 0 ? contractRate : Number(own?.hourlyRateCents ?? 0),
  };
}

async function ticketOf(trx: Knex.Transaction, ticketId: unknown): Promise<Row> {
  const ticket = isUuid(ticketId) ? ((await trx('psaTickets').where({ id: ticketId }).first('id', 'contractId', 'status')) as Row | undefined) : undefined;
  if (!ticket) throw new ValidationError([{ field: 'ticketId', message: m('psa.time.no-such-ticket') }]);
  return ticket;
}

/** Values of an entry from its minutes, kind and rates. */
function valued(minutes: number, kind: string, rates: { hourlyCostCents: number; hourlyRateCents: number }) {
  return { ...rates, costCents: minutesValue(minutes, rates.hourlyCostCents), priceCents: entryPrice(minutes, kind, rates.hourlyRateCents) };
}

/** May approve and correct time: update on every entry (a manager), not only one's own. */
export function mayApprove(ctx: RequestContext): boolean {
  return ctx.ability.can('update', 'PsaTimeEntry') && scopeOf(ctx.ability, 'update', 'PsaTimeEntry') === null;
}

function requireApprover(ctx: RequestContext): void {
  if (!mayApprove(ctx)) throw new ForbiddenError(m('psa.time.approver-only'));
}

export const psaTimeEntries: RecordResource = {
  key: PSA_TIME_ENTRY, subject: 'PsaTimeEntry', recordType: PSA_TIME_ENTRY, label: 'The time entry', table: 'psa_time_entries',
  createSchema: timeEntryCreate, updateSchema: timeEntryUpdate, outputSchema: timeEntry,
  accountLink: null,
  ownership: {
    joins: (qb, trx) => {
      qb.select(trx.raw('(t.price_cents - t.cost_cents)::int as margin_cents'));
      qb.join('psa_tickets as tk', 'tk.id', 't.ticketId').join('accounts as a', 'a.id', 'tk.accountId').join('users as u', 'u.id', 't.userId')
        .leftJoin('users as rv', 'rv.id', 't.reviewedBy')
        .select('tk.number as ticketNumber', 'tk.title as ticketTitle', 'tk.status as ticketStatus', 'tk.accountId as accountId', 'a.name as accountName',
          'u.displayName as userName', 'rv.displayName as reviewedByName');
    },
    owner: 't.userId', support: null, account: 'tk.accountId',
  },
  filters: {
    status: oneOf('status', 't.status', TIME_STATUSES),
    kind: oneOf('kind', 't.kind', ['billable', 'non-billable', 'included', 'outside']),
    userId: userFilter,
    ticketId: idFilter('ticketId', 't.ticketId'),
    accountId: idFilter('accountId', 'tk.accountId'),
    week: weekFilter,
  },
  sorts: {
    startedAt: { column: 'startedAt', direction: 'asc' }, '-startedAt': { column: 'startedAt', direction: 'desc' },
    submittedAt: { column: 'submittedAt', direction: 'asc' }, '-submittedAt': { column: 'submittedAt', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  },
  defaultSort: '-startedAt',
  quickSearch: containsUnaccented('tk.search_name'),
  async prepareCreate({ trx, principal }, data) {
    const ticket = await ticketOf(trx, data.ticketId);
    const userId = (data.userId as string | undefined) ?? principal.userId;
    if (userId !== principal.userId) {
      const user = await trx('users').where({ id: userId, active: true }).whereNot('type', 'client').first('id');
      if (!user) throw new ValidationError([{ field: 'userId', message: m('psa.time.no-such-user') }]);
    }
    const rates = await ratesFor(trx, userId, (ticket.contractId as string | null) ?? null);
    return { ...data, userId, status: 'draft', ...valued(Number(data.minutes), String(data.kind), rates) };
  },
  async prepareUpdate({ trx, current }, patch) {
    const status = String(current.status);
    if (status === 'submitted') throw new ConflictError(m('psa.time.not-editable', { status }));
    const minutes = Number(patch.minutes ?? current.minutes);
    const kind = String(patch.kind ?? current.kind);
    if (status === 'approved') {
      // A correction (a manager, checked by updateTimeEntry): the deduction is made again with the new figures.
      if (patch.ticketId !== undefined && patch.ticketId !== current.ticketId) throw new ConflictError(m('psa.time.approved-ticket-fixed'));
      return { ...patch, ...valued(minutes, kind, { hourlyCostCents: Number(current.hourlyCostCents), hourlyRateCents: Number(current.hourlyRateCents) }) };
    }
    if (patch.ticketId !== undefined && patch.ticketId !== current.ticketId) {
      const ticket = await ticketOf(trx, patch.ticketId);
      const rates = await ratesFor(trx, String(current.userId), (ticket.contractId as string | null) ?? null);
      return { ...patch, ...valued(minutes, kind, rates) };
    }
    return { ...patch, ...valued(minutes, kind, { hourlyCostCents: Number(current.hourlyCostCents), hourlyRateCents: Number(current.hourlyRateCents) }) };
  },
  async prepareDelete({ current }) {
    if (current.status === 'approved') throw new ConflictError(m('psa.time.approved-not-deleted'));
    if (current.status === 'submitted') throw new ConflictError(m('psa.time.submitted-not-deleted'));
  },
};

async function setStatus(ctx: RequestContext, current: Row, values: Row): Promise<void> {
  await ctx.trx('psaTimeEntries').where({ id: current.id }).update({ ...values, version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  const changes: Record<string, { before: unknown; after: unknown }> = { status: { before: current.status, after: values.status } };
  if (values.reviewComment !== undefined && values.reviewComment !== current.reviewComment) changes.reviewComment = { before: current.reviewComment ?? null, after: values.reviewComment };
  await appendHistoryAs(ctx, { recordType: PSA_TIME_ENTRY, recordId: String(current.id), action: 'update', changes });
}

/** Submits a draft (or an entry sent back) for approval; submitting twice changes nothing. */
export async function submitTimeEntry(ctx: RequestContext, id: string): Promise<Row> {
  const current = await loadFor(ctx, psaTimeEntries, id, 'update', true);
  if (current.status === 'submitted') return getRecord(ctx, psaTimeEntries, id);
  if (current.status !== 'draft' && current.status !== 'changes-requested') throw new ConflictError(m('psa.time.wrong-status', { action: 'submit', status: String(current.status) }));
  await setStatus(ctx, current, { status: 'submitted', submittedAt: ctx.trx.fn.now() });
  return getRecord(ctx, psaTimeEntries, id);
}

/** Sends a submitted entry back to its technician with what to change. */
export async function requestTimeEntryChanges(ctx: RequestContext, id: string, comment: string): Promise<Row> {
  requireApprover(ctx);
  const current = await loadFor(ctx, psaTimeEntries, id, 'update', true);
  if (current.status !== 'submitted') throw new ConflictError(m('psa.time.wrong-status', { action: 'review', status: String(current.status) }));
  await setStatus(ctx, current, { status: 'changes-requested', reviewComment: comment, reviewedAt: ctx.trx.fn.now(), reviewedBy: ctx.principal.userId });
  return getRecord(ctx, psaTimeEntries, id);
}

/**
 * What approving (or correcting) did: the entry, the ticket's new totals, the hour bank's alerts and
 * the closed ticket's process message (`psa.ticket-time-approved`) to send after the commit.
 */
export interface Approval {
  entry: Row;
  ticket: { id: string; approvedMinutes: number; billableAmountCents: number };
  alerts: AlertOutcome;
  messageIds: string[];
}

/**
 * Counts an entry on its ticket's contract and ticket, in the caller's transaction: the deduction
 * (covered and billed minutes), the ticket's approved minutes and billable amount moved by
 * `minutesDelta` and the billed value, and the pre-billing queue when the ticket is closed.
 */
async function count(ctx: RequestContext, entry: Row, ticketId: string, minutesDelta: number, amountBefore: number): Promise<Omit<Approval, 'entry'>> {
  const { trx, principal } = ctx;
  // The ticket first: approvals on one ticket take turns, and the contract is the one it has now.
  const ticket = (await trx('psaTickets').where({ id: ticketId }).forUpdate().first('id', 'contractId', 'approvedMinutes', 'billableAmountCents')) as Row;
  const deduction = await deductApprovedTime(trx, {
    tenantId: principal.tenantId, userId: principal.userId, timeEntryId: String(entry.id), contractId: (ticket.contractId as string | null) ?? null,
    minutes: Number(entry.minutes), kind: entry.kind as TimeKind,
  });
  const billedCents = minutesValue(deduction.billedMinutes, Number(entry.hourlyRateCents));
  const approvedMinutes = Number(ticket.approvedMinutes) + minutesDelta;
  const billableAmountCents = Number(ticket.billableAmountCents) + billedCents - amountBefore;
  await trx('psaTickets').where({ id: ticketId }).update({ approvedMinutes, billableAmountCents, updatedAt: trx.fn.now() });
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  if (approvedMinutes !== Number(ticket.approvedMinutes)) changes.approvedMinutes = { before: Number(ticket.approvedMinutes), after: approvedMinutes };
  if (billableAmountCents !== Number(ticket.billableAmountCents)) changes.billableAmountCents = { before: Number(ticket.billableAmountCents), after: billableAmountCents };
  if (Object.keys(changes).length) {
    await appendHistoryAs(ctx, { recordType: TICKET_RECORD_TYPE, recordId: ticketId, action: 'update', changes: { ...changes, timeEntryId: { before: null, after: String(entry.id) } } });
  }
  await trx.raw('select psa_prebilling_feed(?, ?)', [principal.tenantId, ticketId]);
  const messageIds = await queueTimeApproved(trx, principal.tenantId, ticketId, { timeEntryId: String(entry.id), approvedMinutes, billableAmountCents });
  return { ticket: { id: ticketId, approvedMinutes, billableAmountCents }, alerts: deduction.alerts, messageIds };
}

/**
 * Approves a submitted entry, in one transaction: its status, its deduction from the ticket's
 * contract, the ticket's totals and the pre-billing queue. Approving twice changes nothing.
 */
export async function approveTimeEntry(ctx: RequestContext, id: string, comment?: string | null): Promise<Approval> {
  requireApprover(ctx);
  const current = await loadFor(ctx, psaTimeEntries, id, 'update', true);
  if (current.status === 'approved') {
    const ticket = (await ctx.trx('psaTickets').where({ id: current.ticketId }).first('id', 'approvedMinutes', 'billableAmountCents')) as Row;
    return { entry: await getRecord(ctx, psaTimeEntries, id), ticket: { id: String(ticket.id), approvedMinutes: Number(ticket.approvedMinutes), billableAmountCents: Number(ticket.billableAmountCents) }, alerts: { crossed: [], renewalQuoteId: null, messageIds: [] }, messageIds: [] };
  }
  if (current.status !== 'submitted') throw new ConflictError(m('psa.time.wrong-status', { action: 'review', status: String(current.status) }));
  await setStatus(ctx, current, { status: 'approved', reviewComment: comment ?? null, reviewedAt: ctx.trx.fn.now(), reviewedBy: ctx.principal.userId });
  const counted = await count(ctx, current, String(current.ticketId), Number(current.minutes), 0);
  return { entry: await getRecord(ctx, psaTimeEntries, id), ...counted };
}

/**
 * Changes an entry: its technician while it is a draft or sent back; a manager at any time but
 * while submitted. Correcting an approved entry (a manager) reverses its deduction and makes it
 * again with the new minutes and kind, the ticket's totals moved by the difference, in the same
 * transaction. Answers the entry, the hour bank's alerts and the closed ticket's process message to
 * send after the commit.
 */
export async function updateTimeEntry(ctx: RequestContext, id: string, expected: ExpectedVersion, patch: Row): Promise<{ entry: Row; alerts: AlertOutcome | null; messageIds: string[] }> {
  const before = await loadFor(ctx, psaTimeEntries, id, 'update', true);
  if (before.status === 'approved') requireApprover(ctx);
  const entry = await updateRecord(ctx, psaTimeEntries, id, expected, patch);
  if (before.status !== 'approved' || (entry.minutes === before.minutes && entry.kind === before.kind)) return { entry, alerts: null, messageIds: [] };
  await reverseTimeEntry(ctx.trx, { tenantId: ctx.principal.tenantId, userId: ctx.principal.userId, timeEntryId: id, reason: 'correction' });
  const amountBefore = minutesValue(Number(before.billedMinutes), Number(before.hourlyRateCents));
  const { alerts, messageIds } = await count(ctx, { ...before, minutes: entry.minutes, kind: entry.kind }, String(before.ticketId), Number(entry.minutes) - Number(before.minutes), amountBefore);
  return { entry: await getRecord(ctx, psaTimeEntries, id), alerts, messageIds };
}
