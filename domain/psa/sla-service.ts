import type { Knex } from 'knex';
import { appendHistoryAs, type RequestContext } from '../core/record-service';
import { type BusinessCalendar, businessMinutesBetween } from '../planning/business-time';
import { DEFAULT_WEEKLY_HOURS, defaultFrenchCalendar, frenchPublicHolidays } from '../planning/business-time.holidays';
import { NotFoundError } from '../errors';
import {
  chooseSlaPolicy, DEFAULT_ESCALATION_PERCENTS, DEFAULT_SLA_TARGETS, type SlaClock, type SlaTargetKind, type SlaTargets, ticketSlaPlan, type TicketPriority,
} from './sla';
import { slaMessage } from './sla.messages';

/**
 * A ticket's SLA in the database (the process `psa.ticket-to-invoice` calls these through its
 * service tasks, activities/psa/sla.activities.ts): the policy and calendar that apply, the
 * deadlines written on the ticket (`response_due_at`, `resolution_due_at`; null while paused), the
 * pause while waiting for the client (`sla_paused_since`, `sla_paused_minutes` in business minutes),
 * and each escalation recorded once (`psa_ticket_sla_events`, `sla_level`, `*_breached_at`).
 * Instants (`at`) are the process's clock, given by the caller.
 */
type Row = Record<string, unknown>;

/**
 * The organisation's SLA defaults, created once when it has none (its first ticket's process, the
 * admin page): the calendar « Heures ouvrées » (Monday to Friday 8:30–12:30 / 13:30–18:00, Paris,
 * the French public holidays of this year and the next two) and the policy « SLA standard » (sla.ts
 * DEFAULT_SLA_TARGETS, 70/90/100 %), both the default. Concurrent calls create them once (the unique
 * default indexes); existing ones are never changed.
 */
export async function ensureSlaDefaults(trx: Knex.Transaction, tenantId: string, year = new Date().getUTCFullYear()): Promise<{ calendarId: string; policyId: string }> {
  let calendar = await trx('businessCalendars').where({ isDefault: true }).first('id');
  if (!calendar) {
    [calendar] = await trx('businessCalendars').insert({ tenantId, name: 'Heures ouvrées', timeZone: 'Europe/Paris', weeklyHours: JSON.stringify(DEFAULT_WEEKLY_HOURS), isDefault: true })
      .onConflict(trx.raw('(tenant_id) where is_default')).ignore().returning('id');
    calendar ??= await trx('businessCalendars').where({ isDefault: true }).first('id');
    const holidays = [year, year + 1, year + 2].flatMap((y) => frenchPublicHolidays(y));
    await trx('businessCalendarHolidays').insert(holidays.map((h) => ({ tenantId, calendarId: calendar.id, ...h }))).onConflict(['tenantId', 'calendarId', 'day']).ignore();
  }
  let policy = await trx('psaSlaPolicies').where({ isDefault: true }).first('id');
  if (!policy) {
    [policy] = await trx('psaSlaPolicies').insert({ tenantId, name: 'SLA standard', calendarId: calendar.id, targets: JSON.stringify(DEFAULT_SLA_TARGETS), isDefault: true })
      .onConflict(trx.raw('(tenant_id) where is_default')).ignore().returning('id');
    policy ??= await trx('psaSlaPolicies').where({ isDefault: true }).first('id');
  }
  return { calendarId: String(calendar.id), policyId: String(policy.id) };
}

/** A calendar's working week and holidays, read from `business_calendars`. */
export async function readCalendar(trx: Knex.Transaction, calendarId: string | null): Promise<{ id: string | null; calendar: BusinessCalendar }> {
  const row = (calendarId ? await trx('businessCalendars').where({ id: calendarId }).first() : undefined)
    ?? await trx('businessCalendars').where({ isDefault: true }).first();
  if (!row) {
    // No calendar yet (an organisation created before it had the MSP): the French default, this year and the next.
    const year = new Date().getUTCFullYear();
    return { id: null, calendar: defaultFrenchCalendar([year - 1, year, year + 1]) };
  }
  const holidays: string[] = (await trx('businessCalendarHolidays').where({ calendarId: row.id }).orderBy('day').select(trx.raw("to_char(day, 'YYYY-MM-DD') as day")))
    .map((h: { day: string }) => h.day);
  return { id: String(row.id), calendar: { timeZone: String(row.timeZone), weeklyHours: row.weeklyHours as BusinessCalendar['weeklyHours'], holidays } };
}

export interface TicketSlaSetup {
  ticket: Row;
  policy: { id: string | null; name: string; targets: SlaTargets; percents: number[] };
  calendarId: string | null;
  calendar: BusinessCalendar;
}

/** The ticket, the policy that applies to it (sla.ts chooseSlaPolicy; none at all: the built-in defaults) and its calendar. */
export async function ticketSlaSetup(trx: Knex.Transaction, ticketId: string): Promise<TicketSlaSetup> {
  const ticket = (await trx('psaTickets').where({ id: ticketId }).first()) as Row | undefined;
  if (!ticket) throw new NotFoundError(slaMessage('psa.sla.ticket-not-found'));
  const contractPolicyId = ticket.contractId
    ? ((await trx('psaContracts').where({ id: ticket.contractId }).first('slaPolicyId'))?.slaPolicyId as string | null) ?? null
    : null;
  const accountPolicyIds: Array<string | null> = await trx('psaContracts').where({ accountId: ticket.accountId, status: 'active' }).whereNotNull('slaPolicyId')
    .orderBy([{ column: 'startDate' }, { column: 'id' }]).pluck('slaPolicyId');
  const defaultPolicyId = ((await trx('psaSlaPolicies').where({ isDefault: true }).first('id'))?.id as string | undefined) ?? null;
  const id = chooseSlaPolicy({ ticketPolicyId: ticket.slaPolicyId as string | null, contractPolicyId, accountPolicyIds, defaultPolicyId });
  const row = id ? ((await trx('psaSlaPolicies').where({ id }).first()) as Row | undefined) : undefined;
  const policy = row
    ? { id: String(row.id), name: String(row.name), targets: row.targets as SlaTargets, percents: (row.escalationPercents as number[]).map(Number) }
    : { id: null, name: 'SLA par défaut', targets: DEFAULT_SLA_TARGETS, percents: [...DEFAULT_ESCALATION_PERCENTS] };
  const { id: calendarId, calendar } = await readCalendar(trx, (row?.calendarId as string | null) ?? null);
  return { ticket, policy, calendarId, calendar };
}

const iso = (d: Date) => d.toISOString();
const instant = (v: unknown) => (v ? new Date(v as string | Date) : null);

/** One target's deadlines as the process reads them: three escalation levels (first, second, breach). */
export interface PlannedClock {
  targetMinutes: number;
  dueAt: string;
  firstPercent: number;
  firstAt: string;
  secondPercent: number;
  secondAt: string;
  breachAt: string;
}

function planned(clock: SlaClock): PlannedClock {
  const [first, second, breach] = clock.levels;
  return {
    targetMinutes: clock.targetMinutes, dueAt: iso(clock.dueAt),
    firstPercent: first!.percent, firstAt: iso(first!.at), secondPercent: second!.percent, secondAt: iso(second!.at), breachAt: iso(breach!.at),
  };
}

export interface SlaPlan {
  policyId: string | null;
  policyName: string;
  calendarId: string | null;
  priority: TicketPriority;
  pausedMinutes: number;
  /** Triage done (the ticket has an assignee): the process does not ask for it again. */
  assigned: boolean;
  /** The response target is met (a first public reply). */
  responded: boolean;
  response: PlannedClock;
  resolution: PlannedClock;
}

/**
 * Computes the ticket's deadlines (from its opening, its paused time pushing them) and writes them on
 * the ticket with the policy that applies. `percents`: the process's own levels (three, the last 100),
 * else the policy's.
 */
export async function planTicketSla(ctx: RequestContext, ticketId: string, percents?: readonly number[] | null): Promise<SlaPlan> {
  await ensureSlaDefaults(ctx.trx, ctx.principal.tenantId);
  const { ticket, policy, calendarId, calendar } = await ticketSlaSetup(ctx.trx, ticketId);
  const levels = percents?.length ? [...percents] : policy.percents;
  if (levels.length !== 3 || levels[2] !== 100) throw new RangeError(`three escalation levels ending at 100 are needed, not ${levels.join(', ')}`);
  const priority = ticket.priority as TicketPriority;
  const pausedMinutes = Number(ticket.slaPausedMinutes ?? 0);
  const plan = ticketSlaPlan(calendar, { openedAt: new Date(ticket.createdAt as string), priority, pausedMinutes }, policy.targets, levels);
  // Already waiting for the client with its clock stopped (a ticket joining its process late, ticket-process-join.ts):
  // its deadlines stay cleared until it resumes; the process hears it waits at once.
  const waiting = ticket.status === 'waiting' && !!ticket.slaPausedSince;
  const set: Row = waiting ? {} : { responseDueAt: plan.response.dueAt, resolutionDueAt: plan.resolution.dueAt };
  if (policy.id && ticket.slaPolicyId !== policy.id) set.slaPolicyId = policy.id;
  const changed = !waiting && (instant(ticket.responseDueAt)?.getTime() !== plan.response.dueAt.getTime() || instant(ticket.resolutionDueAt)?.getTime() !== plan.resolution.dueAt.getTime());
  if (changed || set.slaPolicyId) {
    await ctx.trx('psaTickets').where({ id: ticketId }).update({ ...set, updatedAt: ctx.trx.fn.now() });
    await appendHistoryAs(ctx, {
      recordType: 'psa-ticket', recordId: ticketId, action: 'update',
      changes: {
        responseDueAt: { before: instant(ticket.responseDueAt)?.toISOString() ?? null, after: iso(plan.response.dueAt) },
        resolutionDueAt: { before: instant(ticket.resolutionDueAt)?.toISOString() ?? null, after: iso(plan.resolution.dueAt) },
      },
    });
  }
  return {
    policyId: policy.id, policyName: policy.name, calendarId, priority, pausedMinutes,
    assigned: !!ticket.assigneeId, responded: !!ticket.firstResponseAt,
    response: planned(plan.response), resolution: planned(plan.resolution),
  };
}

/**
 * The clock stops (waiting for the client, or resolved): since when. Waiting, the deadlines are
 * cleared until it runs again; resolved, they stay (whether it was resolved in time). Twice: the first instant stays.
 */
export async function pauseTicketSla(ctx: RequestContext, ticketId: string, at: Date, reason: 'waiting' | 'resolved' = 'waiting'): Promise<{ pausedSince: string }> {
  const ticket = await ctx.trx('psaTickets').where({ id: ticketId }).forUpdate().first('slaPausedSince');
  if (!ticket) throw new NotFoundError(slaMessage('psa.sla.ticket-not-found'));
  if (ticket.slaPausedSince) return { pausedSince: iso(new Date(ticket.slaPausedSince)) };
  await ctx.trx('psaTickets').where({ id: ticketId }).update({ slaPausedSince: at, ...(reason === 'waiting' ? { responseDueAt: null, resolutionDueAt: null } : {}), updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, { recordType: 'psa-ticket', recordId: ticketId, action: 'update', changes: { slaPausedSince: { before: null, after: iso(at) } } });
  return { pausedSince: iso(at) };
}

/** The clock runs again: the business minutes of the pause added to the ticket's paused minutes. Not paused: nothing. */
export async function resumeTicketSla(ctx: RequestContext, ticketId: string, at: Date): Promise<{ pausedMinutes: number; addedMinutes: number }> {
  const ticket = await ctx.trx('psaTickets').where({ id: ticketId }).forUpdate().first('slaPausedSince', 'slaPausedMinutes');
  if (!ticket) throw new NotFoundError(slaMessage('psa.sla.ticket-not-found'));
  const before = Number(ticket.slaPausedMinutes);
  if (!ticket.slaPausedSince) return { pausedMinutes: before, addedMinutes: 0 };
  const { calendar } = await ticketSlaSetup(ctx.trx, ticketId);
  const addedMinutes = Math.max(0, Math.round(businessMinutesBetween(calendar, new Date(ticket.slaPausedSince), at)));
  const pausedMinutes = before + addedMinutes;
  await ctx.trx('psaTickets').where({ id: ticketId }).update({ slaPausedSince: null, slaPausedMinutes: pausedMinutes, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, {
    recordType: 'psa-ticket', recordId: ticketId, action: 'update',
    changes: { slaPausedSince: { before: iso(new Date(ticket.slaPausedSince)), after: null }, slaPausedMinutes: { before, after: pausedMinutes } },
  });
  return { pausedMinutes, addedMinutes };
}

export type EscalationOutcome = 'recorded' | 'already-recorded' | 'met' | 'paused';

export interface Escalation {
  outcome: EscalationOutcome;
  ticket: Row;
  /** Who is told (the assignee; from the second level on, the managers too). */
  recipients: Array<{ id: string; email: string; displayName: string }>;
  /** At the breach: the manager the ticket was handed to (null: left in its queue, unassigned). */
  reassignedTo: string | null;
}

export interface EscalationInput {
  target: SlaTargetKind;
  percent: number;
  /** Which of the three levels: the first tells the assignee, the second the managers too, the breach also hands the ticket over. */
  level: 'first' | 'second' | 'breach';
  at: Date;
  /** The role whose members are the managers told and handed a breached ticket. */
  escalationRole: string;
  /** A named manager instead of the role's members. */
  managerId?: string | null;
  /** At the breach: hand the ticket to a manager, or put it back in its queue (unassigned). */
  breachReassignTo: 'manager' | 'queue';
}

/**
 * A level reached: recorded once (the event's key is the ticket, target and percent), the ticket's
 * level raised, and at the breach `*_breached_at` set and the ticket handed to a manager or its queue.
 * A target already met (first reply given; resolved or closed), or a clock paused, records nothing.
 */
export async function escalateTicketSla(ctx: RequestContext, ticketId: string, input: EscalationInput): Promise<Escalation> {
  const { trx } = ctx;
  const ticket = (await trx('psaTickets').where({ id: ticketId }).forUpdate().first()) as Row | undefined;
  if (!ticket) throw new NotFoundError(slaMessage('psa.sla.ticket-not-found'));
  const met = input.target === 'response' ? !!ticket.firstResponseAt || ticket.status === 'resolved' || ticket.status === 'closed' : ticket.status === 'resolved' || ticket.status === 'closed';
  const none = (outcome: EscalationOutcome): Escalation => ({ outcome, ticket, recipients: [], reassignedTo: null });
  if (met) return none('met');
  if (ticket.slaPausedSince) return none('paused');
  const inserted = await trx('psaTicketSlaEvents').insert({ tenantId: ctx.principal.tenantId, ticketId, target: input.target, percent: input.percent, occurredAt: input.at })
    .onConflict(['tenantId', 'ticketId', 'target', 'percent']).ignore().returning('percent');
  if (!inserted.length) return none('already-recorded');
  const managers = await managersOf(trx, input);
  const set: Row = { slaLevel: Math.max(Number(ticket.slaLevel ?? 0), input.percent), updatedAt: trx.fn.now() };
  const changes: Row = { slaLevel: { before: ticket.slaLevel ?? null, after: set.slaLevel } };
  let reassignedTo: string | null = null;
  if (input.level === 'breach') {
    const column = input.target === 'response' ? 'responseBreachedAt' : 'resolutionBreachedAt';
    set[column] = ticket[column] ?? input.at;
    changes[column] = { before: null, after: iso(input.at) };
    const current = (ticket.assigneeId as string | null) ?? null;
    // To a manager (already one: kept; none in the organisation: left as it is), or back to the queue, unassigned.
    const assignee = input.breachReassignTo === 'queue' ? null
      : managers.some((u) => u.id === current) ? current : managers[0]?.id ?? current;
    if (assignee !== current) {
      set.assigneeId = assignee;
      set.version = Number(ticket.version) + 1;
      changes.assigneeId = { before: current, after: assignee };
      reassignedTo = assignee;
    }
  }
  await trx('psaTickets').where({ id: ticketId }).update(set);
  await appendHistoryAs(ctx, { recordType: 'psa-ticket', recordId: ticketId, action: 'update', changes: { ...changes, slaEscalation: { before: null, after: `${input.target} ${input.percent} %` } } });
  const assignee = ticket.assigneeId ? await trx('users').where({ id: ticket.assigneeId, active: true }).first('id', 'email', 'displayName') : undefined;
  // The first level tells the assignee (nobody assigned: the managers); the next ones the managers too.
  const recipients = [...(assignee ? [assignee] : []), ...(input.level !== 'first' || !assignee ? managers : [])];
  const unique = [...new Map(recipients.map((u) => [u.id, u])).values()];
  return { outcome: 'recorded', ticket: { ...ticket, ...set }, recipients: unique, reassignedTo };
}

async function managersOf(trx: Knex.Transaction, input: Pick<EscalationInput, 'escalationRole' | 'managerId'>): Promise<Array<{ id: string; email: string; displayName: string }>> {
  const users = trx('users').where({ active: true }).whereNot({ type: 'client' }).orderBy([{ column: 'displayName' }, { column: 'id' }]).select('id', 'email', 'displayName');
  if (input.managerId) return users.where({ id: input.managerId });
  return users.whereIn('id', trx('userRoles as ur').join('roles as r', 'r.id', 'ur.roleId').where('r.key', input.escalationRole).select('ur.userId'));
}
