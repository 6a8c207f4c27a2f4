import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { easterSunday, frenchPublicHolidays } from '../../domain/planning/business-time.holidays';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { processContext } from '../../domain/core/process-context';
import { loadPrincipal } from '../../domain/identity/principal';
import { ensureSlaDefaults, escalateTicketSla } from '../../domain/psa/sla-service';
import { changeTicketStatus, openTicket, type TicketOutcome } from '../../domain/psa/ticket-actions';
import { deliverTicketMessages, startTicketProcess, TICKET_PROCESS } from '../../domain/psa/ticket-process';
import type { ProcessResult } from '../../kernel/process/engine-types';
import { processStateQuery } from '../../workflows/engine/contract';
import { loginAs, testContext, type TestContext } from '../support/api';
import { engineWorker, resultSkippingTime, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * `psa.ticket-to-invoice` on Temporal's time-skipping server: a ticket's SLA escalations fire at the
 * business minutes its calendar says (Mon–Fri 8:30–12:30 / 13:30–18:00, Paris, French holidays),
 * across a weekend and across the spring clock change; waiting for the client stops the clock and
 * pushes every deadline by the business time paused; a breach is recorded once. The test server's
 * clock only goes forward and starts at the real time: the tests run in calendar order, in a December week and a
 * March still ahead of the real clock (a Friday 4 December as in 2026, then a Friday 26 March when Easter and the
 * clock change fall on Sunday 28, as in 2027 and 2032).
 */
describe('MSP: the SLA of a ticket, on the time-skipping server', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  let accountId: string;
  const taskQueue = `psa-sla-${process.pid}`;
  const MINUTE = 60_000;

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'sla', ['psa']);
    const admin = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    const account = await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${admin}`).send({ name: 'Boulangerie Le Fournil' });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    await installShippedProcesses(t.admin, [tenant.tenantId]);
    // The calendar holds the holidays of this year and the next two; the spring test's year may be further.
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const { calendarId } = await ensureSlaDefaults(trx, tenant.tenantId);
      await trx('businessCalendarHolidays').insert(frenchPublicHolidays(easterYear).map((h) => ({ tenantId: tenant.tenantId, calendarId, ...h })))
        .onConflict(['tenantId', 'calendarId', 'day']).ignore();
    }, t.knex);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  /** A wall-clock time in Paris. */
  const paris = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Paris' }).toJSDate();
  /** The first December, from this year on, whose first Friday the real clock has not reached yet (no holiday that week). */
  const friday = (() => {
    for (let year = DateTime.now().year; ; year += 1) {
      const first = DateTime.fromObject({ year, month: 12, day: 1 }, { zone: 'Europe/Paris' });
      const fri = first.plus({ days: (5 - first.weekday + 7) % 7 });
      if (fri.toMillis() > Date.now() + 86_400_000) return fri;
    }
  })();
  /** The first year after that December whose Easter Sunday is 28 March, the night clocks change (2027, 2032). */
  const easterYear = (() => {
    for (let year = friday.year + 1; year < friday.year + 200; year += 1) if (easterSunday(year) === `${year}-03-28`) return year;
    throw new Error('no Easter on 28 March ahead');
  })();
  /** `HH:mm`, `days` after that Friday of December (local date-time text for paris()). */
  const dec = (days: number, time: string) => `${friday.plus({ days }).toISODate()}T${time}`;
  /** `HH:mm`, `days` after Friday 26 March of that Easter year. */
  const mar = (days: number, time: string) => `${DateTime.fromObject({ year: easterYear, month: 3, day: 26 }).plus({ days }).toISODate()}T${time}`;
  /** Lets the test server's clock run to `offsetMs` around an instant. */
  const advanceTo = async (instant: Date, offsetMs = 0) => {
    const wait = instant.getTime() + offsetMs - await env.currentTimeMs();
    if (wait > 0) await skipTime(env, wait);
  };
  const asAdmin = <T>(fn: (trx: import('knex').Knex.Transaction, principal: NonNullable<Awaited<ReturnType<typeof loadPrincipal>>>) => Promise<T>) =>
    withTenant({ tenantId: tenant.tenantId }, async (trx) => fn(trx, (await loadPrincipal(trx, tenant.tenantId, tenant.userIds.admin!))!), t.knex);
  const deliver = (outcome: TicketOutcome) => deliverTicketMessages(t.knex, async () => env.client, tenant.tenantId, outcome.messageIds);

  /** Opens a ticket at `openedAt` (the test server's clock is there), as the API does: the ticket, then its process. */
  async function ticketOpenedAt(openedAt: Date, priority: 'normal' | 'high', assigneeId?: string) {
    await advanceTo(openedAt);
    const outcome = await asAdmin((trx, principal) => openTicket(trx, { principal }, { accountId, title: 'Imprimante hors service', priority, ...(assigneeId ? { assigneeId } : {}) }));
    const id = String(outcome.ticket.id);
    // Opened when the process's clock says (the database's clock is the real one).
    await t.admin('psaTickets').where({ id }).update({ createdAt: openedAt });
    expect(await startTicketProcess(t.knex, env.client, taskQueue, tenant.tenantId, id)).toBe('started');
    await deliver(outcome);
    const handle = env.client.workflow.getHandle(`${tenant.tenantId}/${TICKET_PROCESS}/${id}`);
    return { id, handle };
  }
  type Ticket = Awaited<ReturnType<typeof ticketOpenedAt>>;
  const state = (k: Ticket) => k.handle.query(processStateQuery);
  const waitingAt = (k: Ticket, elementId: string) => until(`the process waiting at ${elementId}`, async () => ((await state(k)).activeElements.includes(elementId) ? true : undefined));
  const events = (k: Ticket) => t.admin('psaTicketSlaEvents').where({ ticketId: k.id }).orderBy([{ column: 'occurredAt' }, { column: 'target' }]).select('target', 'percent', 'occurredAt');
  const eventsOf = async (k: Ticket) => (await events(k)).map((e) => `${e.target} ${e.percent}`);
  const recorded = (k: Ticket, target: string, percent: number) => until(`${target} ${percent} % recorded`, async () => (await t.admin('psaTicketSlaEvents').where({ ticketId: k.id, target, percent }).first()) ?? undefined);
  const ticketRow = (k: Ticket) => t.admin('psaTickets').where({ id: k.id }).first();
  /**
   * The instance's result once it completed. Polled, not awaited with result(): awaiting a result lets
   * the test server skip time for as long as the workflow runs, which would move the clock past the
   * next test's dates.
   */
  const finished = async (k: Ticket) => {
    await until('the process completed', async () => ((await k.handle.describe()).status.name === 'RUNNING' ? undefined : true));
    return await resultSkippingTime<ProcessResult>(env, k.handle.workflowId);
  };
  const move = async (k: Ticket, status: 'waiting' | 'in-progress' | 'resolved' | 'closed') => deliver(await asAdmin((trx, principal) => changeTicketStatus(trx, { principal }, k.id, { status })));

  it('escalates a high ticket opened Friday 16:00 at 70, 90 and 100 % of its response the same evening and of its resolution on Monday, counting business minutes only; the breach hands it to a manager and is recorded once', async () => {
    const k = await ticketOpenedAt(paris(dec(0, '16:00')), 'high');
    await waitingAt(k, 'Triage');
    const planned = (await state(k)).variables.sla as { response: Record<string, string>; resolution: Record<string, string> };
    // High: response 60 business minutes, resolution 510 (the built-in targets, Paris calendar).
    expect(planned.response).toMatchObject({ firstAt: paris(dec(0, '16:42')).toISOString(), secondAt: paris(dec(0, '16:54')).toISOString(), breachAt: paris(dec(0, '17:00')).toISOString() });
    // 510 min: 120 on Friday, then Monday 8:30–12:30 (240) and 13:30–16:00 (150).
    expect(planned.resolution).toMatchObject({ firstAt: paris(dec(3, '12:27')).toISOString(), secondAt: paris(dec(3, '15:09')).toISOString(), breachAt: paris(dec(3, '16:00')).toISOString() });
    expect((await ticketRow(k)).resolutionDueAt.toISOString()).toBe(paris(dec(3, '16:00')).toISOString());

    await advanceTo(paris(dec(0, '16:42')), -MINUTE);
    expect(await eventsOf(k)).toEqual([]);
    await advanceTo(paris(dec(0, '16:42')), MINUTE);
    expect((await recorded(k, 'response', 70)).occurredAt.toISOString()).toBe(paris(dec(0, '16:42')).toISOString());
    await advanceTo(paris(dec(0, '17:00')), MINUTE);
    await recorded(k, 'response', 100);
    expect(await eventsOf(k)).toEqual(['response 70', 'response 90', 'response 100']);
    const breached = await until('the breach written on the ticket', async () => { const row = await ticketRow(k); return row.assigneeId ? row : undefined; });
    expect(breached).toMatchObject({ slaLevel: 100, assigneeId: tenant.userIds.manager });
    expect(breached.responseBreachedAt.toISOString()).toBe(paris(dec(0, '17:00')).toISOString());
    // The managers were told, in French.
    const mails = await until('the breach mail', async () => {
      const rows = await t.admin('messages').where({ tenantId: tenant.tenantId, recordType: 'psa-ticket', recordId: k.id }).select('recipient', 'subject');
      return rows.some((r) => r.subject.startsWith('SLA dépassé')) ? rows : undefined;
    });
    expect(mails.map((m) => m.subject)).toContain(`SLA dépassé : délai de prise en charge du ticket n° ${breached.number} « Imprimante hors service »`);

    // The whole weekend passes: nothing, the clock does not run on Saturday and Sunday.
    await advanceTo(paris(dec(3, '12:27')), -MINUTE);
    expect(await eventsOf(k)).toEqual(['response 70', 'response 90', 'response 100']);
    await advanceTo(paris(dec(3, '12:27')), MINUTE);
    expect((await recorded(k, 'resolution', 70)).occurredAt.toISOString()).toBe(paris(dec(3, '12:27')).toISOString());
    await advanceTo(paris(dec(3, '15:09')), -MINUTE);
    expect(await eventsOf(k)).not.toContain('resolution 90');
    await advanceTo(paris(dec(3, '16:00')), MINUTE);
    await recorded(k, 'resolution', 100);

    // Recorded once: the same level again (a retried task, a timer re-armed after a pause) records nothing more.
    const again = await withTenant({ tenantId: tenant.tenantId }, (trx) => escalateTicketSla(processContext(trx, tenant.tenantId, 'test', ['psa.ticket.update']), k.id, {
      target: 'response', level: 'breach', percent: 100, at: new Date(), escalationRole: 'manager', breachReassignTo: 'manager',
    }), t.knex);
    expect(again.outcome).toBe('already-recorded');
    await move(k, 'waiting');
    await waitingAt(k, 'WaitResume');
    await move(k, 'in-progress');
    await waitingAt(k, 'WaitResolved');
    // Back in the handling, the passed levels' timers fire at once: still one event each.
    await skipTime(env, MINUTE);
    const all = await events(k);
    expect(all.map((e) => `${e.target} ${e.percent}`).sort()).toEqual(['resolution 100', 'resolution 70', 'resolution 90', 'response 100', 'response 70', 'response 90']);
    expect((await ticketRow(k)).responseBreachedAt.toISOString()).toBe(paris(dec(0, '17:00')).toISOString());
  });

  it('stops the clock while the ticket waits for the client: the deadlines move by the business time paused, and a resolved ticket the client confirms ends the process', async () => {
    // Normal: response 240 business minutes. Opened Tuesday 10:00, assigned (no triage).
    const k = await ticketOpenedAt(paris(dec(4, '10:00')), 'normal', tenant.userIds.technician);
    await waitingAt(k, 'WaitResolved');
    expect((await state(k)).completedElements.Triage).toBeUndefined();
    expect((await ticketRow(k)).responseDueAt.toISOString()).toBe(paris(dec(4, '15:00')).toISOString());

    // 60 business minutes later, the technician waits for the client.
    await advanceTo(paris(dec(4, '11:00')));
    await move(k, 'waiting');
    await waitingAt(k, 'WaitResume');
    const paused = await ticketRow(k);
    expect(paused.slaPausedSince).not.toBeNull();
    expect(paused.responseDueAt).toBeNull();
    // 70 % of the response would have fallen at 13:48: paused, nothing.
    await advanceTo(paris(dec(4, '14:00')));
    expect(await eventsOf(k)).toEqual([]);

    // The client answers Wednesday 10:00: paused Tuesday 11:00–12:30 and 13:30–18:00, Wednesday 8:30–10:00 = 450 business minutes.
    await advanceTo(paris(dec(5, '10:00')));
    await move(k, 'in-progress');
    await waitingAt(k, 'WaitResolved');
    const resumed = await ticketRow(k);
    expect(resumed.slaPausedSince).toBeNull();
    expect(resumed.slaPausedMinutes).toBeGreaterThanOrEqual(449);
    expect(resumed.slaPausedMinutes).toBeLessThanOrEqual(451);
    // 180 minutes of the response left from Wednesday 10:00: 10:00–12:30, then 13:30–14:00; 70 % (168) at 11:48.
    const due = (await state(k)).variables.sla as { response: Record<string, string> };
    const near = (iso: string, local: string) => Math.abs(Date.parse(iso) - paris(local).getTime()) <= MINUTE;
    expect(near(due.response.dueAt!, dec(5, '14:00'))).toBe(true);
    expect(near(due.response.firstAt!, dec(5, '11:48'))).toBe(true);
    await advanceTo(paris(dec(5, '11:48')), -2 * MINUTE);
    expect(await eventsOf(k)).toEqual([]);
    await advanceTo(paris(dec(5, '11:48')), 2 * MINUTE);
    await recorded(k, 'response', 70);

    // Resolved, then confirmed by the client: no time to approve, nothing to invoice, the process ends.
    await move(k, 'resolved');
    await waitingAt(k, 'AwaitConfirmation');
    await move(k, 'closed');
    const result = await finished(k);
    expect(result.status).toBe('completed');
    expect((await state(k)).completedElements).toMatchObject({ ClientClosed: 1, BillingStatus: 1, Covered: 1 });
    expect(await eventsOf(k)).toEqual(['response 70']);
  });

  it('counts across the spring clock change in summer time: a high ticket opened Friday 26 March 16:00 (Easter Sunday 28 March) reaches 70 % of its resolution on Tuesday at 12:27 CEST (Easter Monday off); resolved without an answer, it closes itself after five days', async () => {
    const k = await ticketOpenedAt(paris(mar(0, '16:00')), 'high', tenant.userIds.technician);
    await waitingAt(k, 'WaitResolved');
    // Clocks change on Sunday 28 March (Easter), Monday 29 is Easter Monday: 12:27 in Paris on Tuesday 30 is 10:27 UTC (UTC+2), not 11:27.
    const at = paris(mar(4, '12:27'));
    expect(DateTime.fromJSDate(at, { zone: 'utc' }).toFormat('ccc HH:mm')).toBe('Tue 10:27');
    expect(((await state(k)).variables.sla as { resolution: Record<string, string> }).resolution.firstAt).toBe(at.toISOString());
    // The level is recorded at its timer's instant in the process's time (the test server may skip past it while
    // this suite's other instances wait; the Friday test above proves nothing fires before its instant).
    await advanceTo(at, MINUTE);
    expect((await recorded(k, 'resolution', 70)).occurredAt.toISOString()).toBe(at.toISOString());

    await move(k, 'resolved');
    await waitingAt(k, 'AwaitConfirmation');
    await skipTime(env, 5 * 24 * 60 * MINUTE + MINUTE);
    const result = await finished(k);
    expect(result.status).toBe('completed');
    expect((await ticketRow(k)).status).toBe('closed');
    expect((await state(k)).completedElements).toMatchObject({ AutoClose: 1, Covered: 1 });
  });
});
