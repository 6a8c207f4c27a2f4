import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { withTenant } from '../../db/tenant-scope';
import type { HistoryAction } from '../core/history';
import { numberFor } from '../core/tenant-counter';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '../planning/business-time';
import { frenchPublicHolidays } from '../planning/business-time.holidays';
import { DEMO_MSP, type DemoContract, type DemoTicket, type DemoTime, type TicketPriority } from './demo-data';
import { checkThresholds } from './hour-bank-alerts';
import { split } from './hour-ledger';
import { ensurePipelineStages, OPPORTUNITY_COUNTER, psaOpportunities } from './opportunities';
import { entryPrice, minutesValue, psaTimeEntries } from './time-entries';
import { psaContracts } from './contracts';
import { psaMachines } from './machines';
import { psaTickets } from './ticket-resource';

/**
 * Infogérance Atlantique's demo (spec 003, issue 14): a small MSP of Saint-Nazaire a newcomer
 * understands at first sight — four technicians in two teams (« Support N1 », « Terrain »), three
 * queues, the business calendar and SLA policy it works by, a pipeline with an opportunity in every
 * stage, contracts of every type (a healthy hour bank — the demo client's —, one near its threshold,
 * one exhausted, monthly subscriptions tied to billing's, a time-and-material one), their hour ledgers
 * as movements (the database's trigger keeps each balance equal to the ledger's sum), the clients'
 * machines, tickets in every status and priority with their comments and timeline, time in every
 * status (some waiting for the manager's approval), an SLA breach and a ticket at risk, closed
 * uncovered tickets in the pre-billing queue, and the technicians' interventions this week.
 *
 * Rows are written in one transaction as the application's role (row-level security on), consistent
 * with the shared migration (db/migrations/20261214000100_psa.ts): what the areas' actions would have
 * written, dates relative to the day of the seed so that the demo stays alive. The data itself is in
 * demo-data.ts. Seeded once: an organisation that has tickets is left alone.
 */

/** The record types of the timeline (the resources') and the per-tenant counters (as the resources number them). */
const KINDS = {
  ticket: { recordType: psaTickets.recordType, counter: 'psa-ticket' },
  contract: { recordType: psaContracts.recordType, counter: 'psa-contract' },
  opportunity: { recordType: psaOpportunities.recordType },
  timeEntry: { recordType: psaTimeEntries.recordType },
  machine: { recordType: psaMachines.recordType },
} as const;

const ZONE = 'Europe/Paris';

interface Ids {
  tenantId: string;
  admin: string;
  manager: string;
  technician: string;
  /** Every technician by first name (Hugo is the demo's technician@msp.demo). */
  techs: Record<string, string>;
  accounts: Map<string, string>;
  contacts: Map<string, string>;
  sites: Map<string, string>;
}

export async function seedPsaDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== DEMO_MSP.slug) return;
  const { admin: adminUser, manager, technician } = tenant.userIds;
  if (!adminUser || !manager || !technician) return;
  // By tenant id, not only by the RLS scope: the seed's owner connection may bypass row-level security.
  if (await admin('psaTickets').where({ tenantId: tenant.tenantId }).first('id')) return;
  const techs = await ensureColleagues(admin, tenant.tenantId, technician);
  await withTenant({ tenantId: tenant.tenantId, userId: manager }, async (trx) => {
    const ids: Ids = {
      tenantId: tenant.tenantId, admin: adminUser, manager, technician, techs,
      accounts: await byName(trx, 'accounts', tenant.tenantId, (r) => String(r.name)),
      contacts: await byName(trx, 'contacts', tenant.tenantId, (r) => `${r.firstName} ${r.lastName}`),
      sites: await byName(trx, 'sites', tenant.tenantId, (r) => String(r.name)),
    };
    const now = DateTime.now().setZone(ZONE);
    await new DemoWriter(trx, ids, now).write();
  }, admin);
}

async function byName(trx: Knex.Transaction, table: string, tenantId: string, name: (row: Record<string, unknown>) => string): Promise<Map<string, string>> {
  const rows: Array<Record<string, unknown>> = await trx(table).where({ tenantId }).select('*');
  return new Map(rows.map((row) => [name(row), String(row.id)]));
}

/**
 * The technician's colleagues: demo users of the technician role who sign in with the same password
 * (their e-mail addresses are in demo-data.ts). Found by e-mail, so a second start adds nobody.
 */
async function ensureColleagues(admin: Knex, tenantId: string, technician: string): Promise<Record<string, string>> {
  const hugo = await admin('users').where({ tenantId, id: technician }).first('passwordHash');
  const role = await admin('roles').where({ tenantId, key: 'technician' }).first('id');
  const out: Record<string, string> = { Hugo: technician };
  for (const colleague of DEMO_MSP.colleagues) {
    const existing = await admin('users').where({ tenantId }).whereRaw('lower(email) = lower(?)', [colleague.email]).first('id');
    const id: string = existing?.id ?? (await admin('users').insert({
      tenantId, email: colleague.email, displayName: colleague.displayName, type: 'internal', passwordHash: hugo.passwordHash,
    }).returning('id'))[0].id;
    if (role) await admin('userRoles').insert({ tenantId, userId: id, roleId: role.id }).onConflict().ignore();
    out[colleague.displayName.split(' ')[0]!] = id;
  }
  return out;
}

class DemoWriter {
  private calendar: BusinessCalendar;
  private calendarId = '';
  private policyId = '';
  private readonly teams = new Map<string, string>();
  private readonly queues = new Map<string, string>();
  private readonly stages = new Map<string, { id: string; probability: number; outcome: string }>();
  private readonly contracts = new Map<string, { id: string; type: DemoContract['type']; hourlyRateCents: number; remaining: number }>();
  private readonly machines = new Map<string, string>();
  private readonly rates = new Map<string, { cost: number; rate: number }>();
  private readonly tickets = new Map<string, string>();

  constructor(private readonly trx: Knex.Transaction, private readonly ids: Ids, private readonly now: DateTime) {
    this.calendar = { timeZone: ZONE, weeklyHours: DEMO_MSP.calendar.weeklyHours, holidays: [] };
  }

  private get tenantId(): string { return this.ids.tenantId; }

  /** A demo person by first name, or one of the signed-in roles. */
  private person(name: string): string {
    const id = name === 'manager' ? this.ids.manager : name === 'admin' ? this.ids.admin : this.ids.techs[name];
    if (!id) throw new Error(`The MSP demo names an unknown person "${name}".`);
    return id;
  }

  private account(name: string): string {
    const id = this.ids.accounts.get(name);
    if (!id) throw new Error(`The MSP demo names an unknown account "${name}".`);
    return id;
  }

  /** `days` from today at `time` (HH:mm, Paris). */
  private at(days: number, time: string): DateTime {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    return this.now.plus({ days }).set({ hour, minute, second: 0, millisecond: 0 });
  }

  /** A moment of the demo's past: never later than a few minutes ago (a weekend may push business time forward). */
  private past(at: DateTime | Date): DateTime {
    const dt = at instanceof Date ? DateTime.fromJSDate(at).setZone(ZONE) : at;
    const latest = this.now.minus({ minutes: 3 });
    return dt > latest ? latest : dt;
  }

  /** `minutes` business minutes after `start`, in the past. */
  private afterBusiness(start: DateTime, minutes: number): Date {
    return this.past(addBusinessMinutes(this.calendar, start.toJSDate(), minutes)).toJSDate();
  }

  /** A line of the record's timeline, dated when it happened (the history is written once: no update afterwards). */
  private async history(recordType: string, recordId: string, action: HistoryAction, actor: string, changes: Record<string, unknown>, at: DateTime): Promise<void> {
    await this.trx('history').insert({
      tenantId: this.tenantId, recordType, recordId, action, actorUserId: actor, requestId: 'demo-seed', changes: JSON.stringify(changes), at: at.toJSDate(),
    });
  }

  async write(): Promise<void> {
    await this.organisation();
    await this.pipeline();
    await this.contractsAndLedgers();
    await this.machinesOfClients();
    for (const ticket of DEMO_MSP.tickets) await this.ticket(ticket);
    await this.planning();
  }

  /** Rates, teams, queues, the business calendar and the default SLA policy (kept when they exist). */
  private async organisation(): Promise<void> {
    const { trx, tenantId } = this;
    for (const [name, rate] of Object.entries(DEMO_MSP.rates)) {
      const userId = this.person(name);
      await trx('psaTechnicianRates').insert({ tenantId, userId, hourlyCostCents: rate.cost, hourlyRateCents: rate.rate, createdBy: this.ids.admin })
        .onConflict(['tenantId', 'userId']).ignore();
      const row = await trx('psaTechnicianRates').where({ tenantId, userId }).first('hourlyCostCents', 'hourlyRateCents');
      this.rates.set(userId, { cost: Number(row.hourlyCostCents), rate: Number(row.hourlyRateCents) });
    }
    for (const team of DEMO_MSP.teams) {
      await trx('planningTeams').insert({ tenantId, name: team.name, createdBy: this.ids.admin }).onConflict(['tenantId', 'name']).ignore();
      const { id } = await trx('planningTeams').where({ tenantId, name: team.name }).first('id');
      this.teams.set(team.name, id);
      for (const member of team.members) {
        await trx('planningTeamMembers').insert({ tenantId, teamId: id, userId: this.person(member) }).onConflict().ignore();
      }
    }
    for (const name of DEMO_MSP.queues) {
      await trx('psaQueues').insert({ tenantId, name, createdBy: this.ids.admin }).onConflict(['tenantId', 'name']).ignore();
      this.queues.set(name, (await trx('psaQueues').where({ tenantId, name }).first('id')).id);
    }
    const calendar = await trx('businessCalendars').where({ tenantId, isDefault: true }).first('id', 'weeklyHours', 'timeZone');
    if (calendar) {
      this.calendarId = calendar.id;
      const holidays = await trx('businessCalendarHolidays').where({ tenantId, calendarId: calendar.id }).pluck('day');
      this.calendar = {
        weeklyHours: calendar.weeklyHours, timeZone: calendar.timeZone,
        holidays: holidays.map((d: Date | string) => (typeof d === 'string' ? d : DateTime.fromJSDate(d).toISODate()!)),
      };
    } else {
      const [row] = await trx('businessCalendars').insert({
        tenantId, name: DEMO_MSP.calendar.name, timeZone: ZONE, weeklyHours: JSON.stringify(DEMO_MSP.calendar.weeklyHours), isDefault: true, createdBy: this.ids.admin,
      }).returning('id');
      this.calendarId = row.id;
      const year = this.now.year;
      const holidays = [year - 1, year, year + 1].flatMap((y) => frenchPublicHolidays(y));
      await trx('businessCalendarHolidays').insert(holidays.map((h) => ({ tenantId, calendarId: row.id, ...h })));
      this.calendar = { ...this.calendar, holidays: holidays.map((h) => h.day) };
    }
    const policy = await trx('psaSlaPolicies').where({ tenantId, isDefault: true }).first('id', 'targets');
    if (policy) {
      this.policyId = policy.id;
    } else {
      const [row] = await trx('psaSlaPolicies').insert({
        tenantId, name: DEMO_MSP.slaPolicy.name, calendarId: this.calendarId, targets: JSON.stringify(DEMO_MSP.slaPolicy.targets), isDefault: true, createdBy: this.ids.admin,
      }).returning('id');
      this.policyId = row.id;
    }
  }

  /** The pipeline's stages (the default ones when the organisation has none), then an opportunity in each, with its journal. */
  private async pipeline(): Promise<void> {
    const { trx, tenantId } = this;
    const stages = await ensurePipelineStages(trx, tenantId, this.ids.admin);
    for (const row of stages) this.stages.set(String(row.key), { id: String(row.id), probability: Number(row.defaultProbability), outcome: String(row.outcome) });
    for (const [rank, o] of DEMO_MSP.opportunities.entries()) {
      // A stage renamed or removed by the organisation: the first one.
      const stage = this.stages.get(o.stage) ?? [...this.stages.values()][0]!;
      const stageId = stage.id;
      const createdAt = this.at(o.createdDaysAgo * -1, '10:00');
      const number = await numberFor(trx, tenantId, OPPORTUNITY_COUNTER);
      const contact = o.contact ? this.ids.contacts.get(o.contact) ?? null : null;
      const [row] = await trx('psaOpportunities').insert({
        tenantId, number, accountId: this.account(o.account), contactId: contact, title: o.title, stageId, rank,
        amountCents: o.amountCents, probability: stage.probability,
        expectedCloseDate: this.now.plus({ days: o.closeInDays }).toISODate(), ownerId: this.person(o.owner), lostReason: o.lostReason ?? null,
        closedAt: stage.outcome === 'open' ? null : this.at(o.closeInDays, '17:00').toJSDate(), notes: o.notes ?? null,
        createdBy: this.person(o.owner), createdAt: createdAt.toJSDate(), updatedAt: createdAt.toJSDate(),
      }).returning('id');
      await this.history(KINDS.opportunity.recordType, row.id, 'create', this.person(o.owner), { title: { before: null, after: o.title } }, createdAt);
      for (const i of o.journal ?? []) {
        await trx('psaInteractions').insert({
          tenantId, accountId: this.account(o.account), opportunityId: row.id, contactId: contact, kind: i.kind, subject: i.subject, body: i.body ?? null,
          occurredAt: this.at(i.daysAgo * -1, '11:00').toJSDate(), authorId: this.person(o.owner),
          remindAt: i.remindInDays === undefined ? null : this.at(i.remindInDays, '09:00').toJSDate(),
          reminderOwnerId: i.remindInDays === undefined ? null : this.person(o.owner), createdBy: this.person(o.owner),
        });
      }
      if (o.contract) this.pendingOpportunityContract.set(o.contract, row.id);
    }
  }

  private readonly pendingOpportunityContract = new Map<string, string>();

  /** Contracts of every type; each hour bank's purchases as movements (its consumption follows the approved time). */
  private async contractsAndLedgers(): Promise<void> {
    const { trx, tenantId } = this;
    for (const c of DEMO_MSP.contracts) {
      const start = this.now.minus({ days: c.startedDaysAgo }).toISODate()!;
      const subscription = c.subscription
        ? await trx('billingSubscriptions').where({ tenantId, name: c.subscription }).first('id') : undefined;
      const number = await numberFor(trx, tenantId, KINDS.contract.counter);
      const createdAt = this.at(-c.startedDaysAgo, '09:30');
      const [row] = await trx('psaContracts').insert({
        tenantId, number, accountId: this.account(c.account), name: c.name, type: c.type, status: 'active', startDate: start,
        endDate: c.months ? this.now.minus({ days: c.startedDaysAgo }).plus({ months: c.months }).minus({ days: 1 }).toISODate() : null,
        hourlyRateCents: c.hourlyRateCents, packMinutes: c.pack?.minutes ?? null, packPriceCents: c.pack?.priceCents ?? null,
        alertThresholds: JSON.stringify(c.type === 'hour-bank' ? DEMO_MSP.thresholds : []),
        subscriptionId: subscription?.id ?? null, slaPolicyId: this.policyId, opportunityId: this.pendingOpportunityContract.get(c.name) ?? null,
        accountManagerId: this.ids.manager, clientContactId: c.clientContact ? this.ids.contacts.get(c.clientContact) ?? null : null,
        notes: c.notes ?? null, createdBy: this.ids.manager, createdAt: createdAt.toJSDate(), updatedAt: createdAt.toJSDate(),
      }).returning('id');
      const opportunityId = this.pendingOpportunityContract.get(c.name);
      if (opportunityId) await trx('psaOpportunities').where({ tenantId, id: opportunityId }).update({ contractId: row.id });
      await this.history(KINDS.contract.recordType, row.id, 'create', this.ids.manager, { name: { before: null, after: c.name }, type: { before: null, after: c.type } }, createdAt);
      let remaining = 0;
      for (const [index, purchase] of (c.pack ? c.purchases ?? [c.startedDaysAgo] : []).entries()) {
        await this.movement(row.id, 'purchase', c.pack!.minutes, this.at(-purchase, '09:45'), index === 0 ? 'Pack initial' : 'Renouvellement du pack');
        remaining += c.pack!.minutes;
      }
      for (const adjustment of c.adjustments ?? []) {
        await this.movement(row.id, 'adjustment', adjustment.minutes, this.at(-adjustment.daysAgo, '16:00'), adjustment.reason);
        remaining += adjustment.minutes;
      }
      this.contracts.set(c.name, { id: row.id, type: c.type, hourlyRateCents: c.hourlyRateCents, remaining });
    }
  }

  private async movement(contractId: string, kind: 'purchase' | 'consumption' | 'adjustment', minutes: number, at: DateTime, reason: string | null, timeEntryId?: string): Promise<void> {
    await this.trx('psaHourMovements').insert({
      tenantId: this.tenantId, contractId, kind, minutes, timeEntryId: timeEntryId ?? null, reason, createdBy: this.ids.manager, createdAt: at.toJSDate(),
    });
  }

  private async machinesOfClients(): Promise<void> {
    for (const m of DEMO_MSP.machines) {
      const createdAt = this.at(-m.installedDaysAgo, '10:00');
      const [row] = await this.trx('psaMachines').insert({
        tenantId: this.tenantId, accountId: this.account(m.account), siteId: m.site ? this.ids.sites.get(m.site) ?? null : null,
        hostname: m.hostname, osName: m.os, cpuModel: m.cpu, ramTotalMb: m.ramMb, createdBy: this.ids.technician,
        createdAt: createdAt.toJSDate(), updatedAt: createdAt.toJSDate(),
      }).returning('id');
      this.machines.set(m.hostname, row.id);
      await this.history(KINDS.machine.recordType, row.id, 'create', this.ids.technician, { hostname: { before: null, after: m.hostname } }, createdAt);
    }
  }

  private async ticket(t: DemoTicket): Promise<void> {
    const { trx, tenantId } = this;
    const created = this.openedAt(t);
    const contract = t.contract ? this.contracts.get(t.contract) : undefined;
    const { events, ...sla } = this.sla(t, created);
    const resolvedAt = t.resolvedAfterMinutes === undefined ? null : this.afterBusiness(created, t.resolvedAfterMinutes);
    const closedAt = t.status === 'closed' && resolvedAt ? this.past(DateTime.fromJSDate(resolvedAt).setZone(ZONE).plus({ days: 1 }).set({ hour: 9, minute: 0 })).toJSDate() : null;
    const assignee = t.assignee ? this.person(t.assignee) : null;
    const number = await numberFor(trx, tenantId, KINDS.ticket.counter);
    const requester = t.contact ? this.ids.contacts.get(t.contact) ?? null : null;
    const [row] = await trx('psaTickets').insert({
      tenantId, number, accountId: this.account(t.account), contactId: requester, title: t.title, description: t.description,
      status: t.status, priority: t.priority, source: t.source, assigneeId: assignee,
      teamId: t.team ? this.teams.get(t.team) ?? null : null, queueId: t.queue ? this.queues.get(t.queue) ?? null : null,
      contractId: contract?.id ?? null, machineId: t.machine ? this.machines.get(t.machine) ?? null : null, slaPolicyId: this.policyId,
      requesterEmail: t.source === 'email' ? t.requesterEmail ?? null : null,
      ...sla, resolvedAt, closedAt,
      createdBy: t.source === 'manual' ? (assignee ?? this.ids.technician) : null,
      createdAt: created.toJSDate(), updatedAt: (closedAt ?? resolvedAt ?? created.toJSDate()),
    }).returning('id');
    const id = String(row.id);
    this.tickets.set(t.title, id);
    const ticketType = KINDS.ticket.recordType;
    const opener = t.source === 'manual' ? (assignee ?? this.ids.technician) : this.ids.technician;
    await this.history(ticketType, id, 'create', opener, { title: { before: null, after: t.title }, priority: { before: null, after: t.priority }, status: { before: null, after: 'open' } }, created);
    if (assignee) await this.history(ticketType, id, 'update', this.ids.manager, { assigneeId: { before: null, after: assignee } }, this.past(created.plus({ minutes: 12 })));
    // The status changes, in the order a ticket lives them.
    const path: Array<DemoTicket['status']> = { open: [], 'in-progress': ['in-progress'], waiting: ['in-progress', 'waiting'], resolved: ['in-progress', 'resolved'], closed: ['in-progress', 'resolved', 'closed'] }[t.status] as Array<DemoTicket['status']>;
    let previous: DemoTicket['status'] = 'open';
    for (const status of path) {
      const at = status === 'resolved' && resolvedAt ? DateTime.fromJSDate(resolvedAt) : status === 'closed' && closedAt ? DateTime.fromJSDate(closedAt) : this.past(created.plus({ minutes: 25 }));
      await this.history(ticketType, id, status === 'closed' ? 'close' : 'update', status === 'closed' ? this.ids.manager : (assignee ?? this.ids.technician), { status: { before: previous, after: status } }, at);
      previous = status;
    }
    for (const c of t.comments ?? []) {
      const at = this.past(created.plus({ minutes: c.afterMinutes }));
      const author = c.by === 'client' ? null : this.person(c.by);
      await trx('psaTicketComments').insert({
        tenantId, ticketId: id, authorId: author, authorEmail: c.by === 'client' ? t.requesterEmail ?? null : null,
        visibility: c.internal ? 'internal' : 'public', source: c.by === 'client' ? (t.source === 'email' ? 'email' : 'portal') : 'web', body: c.body,
        createdBy: author, createdAt: at.toJSDate(), updatedAt: at.toJSDate(),
      });
    }
    for (const event of events) await trx('psaTicketSlaEvents').insert({ tenantId, ticketId: id, ...event });
    let approvedMinutes = 0;
    let billable = 0;
    for (const time of t.time ?? []) {
      const billedCents = await this.timeEntry(id, time, created, contract);
      if (time.status === 'approved') {
        approvedMinutes += time.minutes;
        billable += billedCents;
      }
    }
    if (approvedMinutes) await trx('psaTickets').where({ tenantId, id }).update({ approvedMinutes, billableAmountCents: billable });
    // A closed ticket's time not covered by its contract waits in the pre-billing queue (the time area's rule, in the database).
    if (t.status === 'closed') {
      await trx.raw('select psa_prebilling_feed(?, ?)', [tenantId, id]);
      if (closedAt) await trx('psaPrebillingItems').where({ tenantId, ticketId: id }).update({ createdAt: closedAt, updatedAt: closedAt });
    }
    if (t.timerRunningMinutes) {
      await trx('psaTimers').insert({ tenantId, userId: assignee ?? this.ids.technician, ticketId: id, startedAt: this.now.minus({ minutes: t.timerRunningMinutes }).toJSDate(), note: 'Diagnostic en cours' });
    }
  }

  /** When a ticket came in: a number of business minutes before now, or a day and time. */
  private openedAt(t: DemoTicket): DateTime {
    if (t.opened.businessMinutesAgo === undefined) return this.at(-t.opened.daysAgo!, t.opened.time ?? '09:15');
    // Step back until that much business time has passed (at least the minutes asked, whatever the day).
    let at = this.now.set({ second: 0, millisecond: 0 });
    while (businessMinutesBetween(this.calendar, at.toJSDate(), this.now.toJSDate()) < t.opened.businessMinutesAgo) at = at.minus({ minutes: 5 });
    return at;
  }

  /**
   * The ticket's SLA as its process would have left it: deadlines from the policy's targets in business
   * minutes, first response, breaches and escalation levels reached (70 / 90 / 100 %), none while it
   * waits for the client (paused).
   */
  private sla(t: DemoTicket, created: DateTime) {
    const targets = DEMO_MSP.slaPolicy.targets[t.priority as TicketPriority];
    const start = created.toJSDate();
    const responseDue = addBusinessMinutes(this.calendar, start, targets.responseMinutes);
    const resolutionDue = addBusinessMinutes(this.calendar, start, targets.resolutionMinutes);
    const firstResponse = t.firstResponseAfterMinutes === undefined ? null : this.afterBusiness(created, t.firstResponseAfterMinutes);
    const end = t.resolvedAfterMinutes === undefined ? this.now.toJSDate() : this.afterBusiness(created, t.resolvedAfterMinutes);
    const events: Array<{ target: 'response' | 'resolution'; percent: number; occurredAt: Date }> = [];
    const reached = (target: 'response' | 'resolution', total: number, until: Date) => {
      const elapsed = businessMinutesBetween(this.calendar, start, until);
      let level: number | null = null;
      for (const percent of [70, 90, 100]) {
        if (elapsed < (total * percent) / 100) break;
        level = percent;
        events.push({ target, percent, occurredAt: addBusinessMinutes(this.calendar, start, (total * percent) / 100) });
      }
      return level;
    };
    const paused = t.status === 'waiting';
    const responseLevel = reached('response', targets.responseMinutes, firstResponse ?? this.now.toJSDate());
    const resolutionLevel = paused ? null : reached('resolution', targets.resolutionMinutes, end);
    const pausedSince = paused ? this.now.minus({ hours: 3 }).toJSDate() : null;
    return {
      events,
      responseDueAt: responseDue,
      resolutionDueAt: paused ? null : resolutionDue,
      firstResponseAt: firstResponse,
      slaPausedSince: pausedSince,
      responseBreachedAt: responseLevel === 100 ? responseDue : null,
      resolutionBreachedAt: resolutionLevel === 100 ? resolutionDue : null,
      slaLevel: Math.max(responseLevel ?? 0, resolutionLevel ?? 0) || null,
    };
  }

  /**
   * One time entry as the time area writes it: rates copied from the technician's (the contract's
   * hourly rate when it has one), cost and price; approved, it is split by the hour ledger's rule
   * (hour-ledger.ts `split`): what an hour bank covers is deducted (a consumption movement), the rest
   * billed outside the contract. Answers the billed value.
   */
  private async timeEntry(ticketId: string, time: DemoTime, created: DateTime,
    contract: { id: string; type: string; hourlyRateCents: number; remaining: number } | undefined): Promise<number> {
    const userId = this.person(time.by);
    const rates = this.rates.get(userId)!;
    const startedAt = this.past(created.plus({ minutes: time.afterMinutes }));
    const reviewedAt = this.past(startedAt.plus({ hours: 20 }));
    const hourlyRate = contract && contract.hourlyRateCents > 0 ? contract.hourlyRateCents : rates.rate;
    const approved = time.status === 'approved';
    const { coveredMinutes, billedMinutes } = approved
      ? split(contract ? { type: contract.type, status: 'active' } : null, time.kind, time.minutes, contract?.remaining ?? 0)
      : { coveredMinutes: 0, billedMinutes: 0 };
    const reviewed = approved || time.status === 'changes-requested';
    const [row] = await this.trx('psaTimeEntries').insert({
      tenantId: this.tenantId, ticketId, userId, startedAt: startedAt.toJSDate(), minutes: time.minutes, kind: time.kind, status: time.status,
      description: time.description, hourlyCostCents: rates.cost, hourlyRateCents: hourlyRate,
      costCents: minutesValue(time.minutes, rates.cost), priceCents: entryPrice(time.minutes, time.kind, hourlyRate),
      contractId: approved ? contract?.id ?? null : null, coveredMinutes, billedMinutes, deductedAt: approved ? reviewedAt.toJSDate() : null,
      submittedAt: time.status === 'draft' ? null : this.past(startedAt.plus({ minutes: time.minutes + 30 })).toJSDate(),
      reviewedAt: reviewed ? reviewedAt.toJSDate() : null, reviewedBy: reviewed ? this.ids.manager : null,
      reviewComment: time.reviewComment ?? null, createdBy: userId, createdAt: startedAt.toJSDate(), updatedAt: (reviewed ? reviewedAt : startedAt).toJSDate(),
    }).returning('id');
    if (coveredMinutes > 0 && contract?.type === 'hour-bank') {
      await this.movement(contract.id, 'consumption', -coveredMinutes, reviewedAt, null, row.id);
      contract.remaining -= coveredMinutes;
      // Thresholds crossed by this deduction: recorded once, a draft renewal quote, the alert mails queued (sent when the API starts).
      await checkThresholds(this.trx, this.tenantId, contract.id, this.ids.manager);
    }
    await this.history(KINDS.timeEntry.recordType, row.id, 'create', userId, { minutes: { before: null, after: time.minutes }, kind: { before: null, after: time.kind } }, startedAt);
    return minutesValue(billedMinutes, hourlyRate);
  }

  /** The technicians' week: interventions on the demo's tickets (done before today, planned after), an absence. */
  private async planning(): Promise<void> {
    const monday = this.now.startOf('week');
    for (const p of DEMO_MSP.planning) {
      const [sh, sm] = p.from.split(':').map(Number) as [number, number];
      const [eh, em] = p.to.split(':').map(Number) as [number, number];
      const day = monday.plus({ days: p.weekday - 1 });
      const startsAt = day.set({ hour: sh, minute: sm, second: 0, millisecond: 0 });
      const endsAt = day.set({ hour: eh, minute: em, second: 0, millisecond: 0 });
      const ticketId = p.ticket ? this.tickets.get(p.ticket) ?? null : null;
      const ticket = DEMO_MSP.tickets.find((x) => x.title === p.ticket);
      await this.trx('planningEntries').insert({
        tenantId: this.tenantId, userId: this.person(p.who), kind: p.kind, mode: p.kind === 'intervention' ? p.mode ?? 'remote' : null,
        absenceReason: p.kind === 'absence' ? p.reason ?? 'training' : null, status: p.kind === 'intervention' && endsAt < this.now ? 'done' : 'planned',
        title: p.title, notes: p.notes ?? null, startsAt: startsAt.toJSDate(), endsAt: endsAt.toJSDate(),
        recordType: ticketId ? KINDS.ticket.recordType : null, recordId: ticketId,
        accountId: ticket ? this.account(ticket.account) : null, siteId: p.site ? this.ids.sites.get(p.site) ?? null : null,
        createdBy: this.ids.manager,
      });
    }
  }
}
