import request from 'supertest';
import { findModule } from '../../domain/modules/registry';
import { DEMO_MSP } from '../../domain/psa/demo-data';
import { DEFAULT_STAGES } from '../../domain/psa/pipeline';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

/**
 * Infogérance Atlantique's demo (domain/psa/demo-seed.ts), seeded by the global setup as `npm start`
 * does. Other suites write tickets, contracts and time in the same organisation: these checks read
 * only the demo's own records (its tickets and contracts by their titles and names).
 */
const TICKETS = DEMO_MSP.tickets.map((t) => t.title);
const CONTRACTS = DEMO_MSP.contracts.map((c) => c.name);

describe('MSP demo data', () => {
  let t: TestContext;
  let tenant: string;
  beforeAll(async () => {
    t = testContext();
    tenant = await tenantId(t.admin, 'msp');
  });
  afterAll(() => t.close());

  const demoTickets = () => t.admin('psaTickets').where({ tenantId: tenant }).whereIn('title', TICKETS).select('*');
  const demoContracts = () => t.admin('psaContracts').where({ tenantId: tenant }).whereIn('name', CONTRACTS).select('*');

  it('has tickets in every status and priority, each with its comments and timeline, across the clients', async () => {
    const tickets = await demoTickets();
    expect(tickets).toHaveLength(TICKETS.length);
    expect(new Set(tickets.map((x) => x.status))).toEqual(new Set(['open', 'in-progress', 'waiting', 'resolved', 'closed']));
    expect(new Set(tickets.map((x) => x.priority))).toEqual(new Set(['low', 'normal', 'high', 'critical']));
    expect(new Set(tickets.map((x) => x.accountId)).size).toBeGreaterThanOrEqual(4);
    const ids = tickets.map((x) => x.id);
    const commented = await t.admin('psaTicketComments').whereIn('ticketId', ids).distinct('ticketId');
    expect(commented).toHaveLength(ids.length);
    expect(await t.admin('psaTicketComments').whereIn('ticketId', ids).where({ visibility: 'internal' }).first('id')).toBeDefined();
    const timeline = await t.admin('history').where({ tenantId: tenant, recordType: 'psa-ticket' }).whereIn('recordId', ids).distinct('recordId');
    expect(timeline).toHaveLength(ids.length);
    // Resolved and closed tickets have their dates; a waiting one's SLA is paused.
    for (const x of tickets) {
      expect(Boolean(x.resolvedAt)).toBe(['resolved', 'closed'].includes(x.status));
      expect(Boolean(x.closedAt)).toBe(x.status === 'closed');
      if (x.status === 'waiting') expect(x).toMatchObject({ resolutionDueAt: null, slaPausedSince: expect.any(Date) });
      expect(x.createdAt.getTime()).toBeLessThan(Date.now());
    }
  });

  it('has an SLA breach (a critical ticket nobody answered) and a ticket at risk (90 % of its time gone)', async () => {
    const tickets = await demoTickets();
    const breached = tickets.find((x) => x.priority === 'critical' && x.status === 'open')!;
    expect(breached).toMatchObject({ slaLevel: 100, firstResponseAt: null, assigneeId: null });
    expect(breached.responseBreachedAt.getTime()).toBeLessThan(Date.now());
    const risky = tickets.find((x) => x.status === 'in-progress' && x.priority === 'high')!;
    expect(risky).toMatchObject({ slaLevel: 90, resolutionBreachedAt: null, responseBreachedAt: null });
    expect(risky.resolutionDueAt.getTime()).toBeGreaterThan(Date.now());
    const events = await t.admin('psaTicketSlaEvents').where({ tenantId: tenant, ticketId: breached.id }).orderBy('percent').select('target', 'percent');
    expect(events).toEqual([{ target: 'response', percent: 70 }, { target: 'response', percent: 90 }, { target: 'response', percent: 100 }]);
  });

  it('has contracts of every type; hour banks healthy, near their threshold and exhausted, each balance the sum of its ledger', async () => {
    const contracts = await demoContracts();
    expect(contracts).toHaveLength(CONTRACTS.length);
    expect(new Set(contracts.map((c) => c.type))).toEqual(new Set(['hour-bank', 'subscription', 'time-and-material']));
    for (const c of contracts) {
      const { sum } = (await t.admin('psaHourMovements').where({ tenantId: tenant, contractId: c.id }).sum({ sum: 'minutes' }).first()) as { sum: string | null };
      expect(c.remainingMinutes).toBe(Number(sum ?? 0));
    }
    const banks = contracts.filter((c) => c.type === 'hour-bank').map((c) => c.remainingMinutes / c.purchasedMinutes);
    expect(banks.some((share) => share > 0.5)).toBe(true);
    expect(banks.some((share) => share > 0.2 && share <= 0.3)).toBe(true);
    expect(banks.some((share) => share === 0)).toBe(true);
    // The exhausted bank crossed its thresholds: recorded once, with a draft renewal quote.
    const exhausted = contracts.find((c) => c.type === 'hour-bank' && c.remainingMinutes === 0)!;
    const alerts = await t.admin('psaContractAlerts').where({ tenantId: tenant, contractId: exhausted.id }).select('threshold', 'renewalQuoteId');
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(await t.admin('billingQuotes').where({ id: alerts[0]!.renewalQuoteId }).first('status')).toEqual({ status: 'draft' });
    expect(await t.admin('psaContractAlerts').whereIn('contractId', contracts.filter((c) => c.remainingMinutes > 0).map((c) => c.id)).first()).toBeUndefined();
    // The subscriptions are billing's (invoiced by its recurring run).
    expect(contracts.filter((c) => c.type === 'subscription').every((c) => c.subscriptionId)).toBe(true);
  });

  it('has time in every status and kind; approved time counted on its ticket, its contract and the pre-billing queue', async () => {
    const tickets = await demoTickets();
    const entries = await t.admin('psaTimeEntries').whereIn('ticketId', tickets.map((x) => x.id)).select('*');
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set(['draft', 'submitted', 'approved', 'changes-requested']));
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['billable', 'non-billable', 'included', 'outside']));
    for (const ticket of tickets) {
      const approved = entries.filter((e) => e.ticketId === ticket.id && e.status === 'approved');
      expect(ticket.approvedMinutes).toBe(approved.reduce((n, e) => n + e.minutes, 0));
      expect(Number(ticket.billableAmountCents)).toBe(approved.reduce((n, e) => n + Math.round((e.billedMinutes * e.hourlyRateCents) / 60), 0));
      for (const e of approved) {
        const { sum } = (await t.admin('psaHourMovements').where({ tenantId: tenant, timeEntryId: e.id }).sum({ sum: 'minutes' }).first()) as { sum: string | null };
        expect(Math.abs(Number(sum ?? 0))).toBe(e.contractId && (await t.admin('psaContracts').where({ id: e.contractId }).first('type')).type === 'hour-bank' ? e.coveredMinutes : 0);
      }
    }
    const pending = await t.admin('psaPrebillingItems').where({ tenantId: tenant, status: 'pending' }).whereIn('ticketId', tickets.map((x) => x.id)).select('*');
    const expected = tickets.filter((x) => x.status === 'closed' && Number(x.billableAmountCents) > 0);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(pending.map((p) => p.ticketId).sort()).toEqual(expected.map((x) => x.id).sort());
    for (const p of pending) expect(Number(p.amountCents)).toBe(Number(expected.find((x) => x.id === p.ticketId)!.billableAmountCents));
  });

  it('has opportunities in every stage of the pipeline, machines on the clients and the technician\'s week planned', async () => {
    const stages = await t.admin('psaOpportunities as o').join('psaPipelineStages as s', 's.id', 'o.stageId')
      .where('o.tenantId', tenant).whereIn('o.title', DEMO_MSP.opportunities.map((o) => o.title)).distinct('s.key');
    expect(stages.map((s) => s.key).sort()).toEqual(DEFAULT_STAGES.map((s) => s.key).sort());
    const machines = await t.admin('psaMachines').where({ tenantId: tenant }).whereIn('hostname', DEMO_MSP.machines.map((m) => m.hostname)).select('accountId');
    expect(machines).toHaveLength(DEMO_MSP.machines.length);
    const technician = await userId(t.admin, 'technician', 'msp');
    const week = await t.admin('planningEntries').where({ tenantId: tenant, userId: technician })
      .whereRaw("starts_at >= date_trunc('week', now() at time zone 'Europe/Paris') at time zone 'Europe/Paris'")
      .whereRaw("starts_at < (date_trunc('week', now() at time zone 'Europe/Paris') + interval '7 days') at time zone 'Europe/Paris'")
      .select('kind', 'recordType');
    expect(week.filter((e) => e.kind === 'intervention' && e.recordType === 'psa-ticket').length).toBeGreaterThanOrEqual(2);
    expect(week.some((e) => e.kind === 'absence')).toBe(true);
  });

  it('lists an hour bank with hours left through the API, and the client sees only its own company\'s tickets', async () => {
    const manager = await loginAs(t.app, 'manager', 'msp');
    const banks = await request(t.app).get('/api/v1/psa/contracts?type=hour-bank&limit=100').set('Authorization', `Bearer ${manager.accessToken}`);
    expect(banks.status).toBe(200);
    const demo = (banks.body.items as Array<{ name: string; type: string; remainingMinutes: number }>).filter((c) => CONTRACTS.includes(c.name));
    expect(demo.every((c) => c.type === 'hour-bank')).toBe(true);
    expect(demo.some((c) => c.remainingMinutes > 0)).toBe(true);

    const client = await loginAs(t.app, 'client', 'msp');
    const own = await t.admin('users').where({ id: client.userId }).first('accountId');
    const seen = await request(t.app).get('/api/v1/psa/tickets?limit=200').set('Authorization', `Bearer ${client.accessToken}`);
    expect(seen.status).toBe(200);
    const items = seen.body.items as Array<{ id: string; accountId: string; title: string }>;
    expect(items.length).toBeGreaterThan(0);
    // The demo's tickets (other suites, the permission matrix among them, write tickets in the same organisation).
    const demoTicketRows = await demoTickets();
    const seenDemo = items.filter((x) => demoTicketRows.some((d) => d.id === x.id));
    expect(seenDemo.every((x) => x.accountId === own.accountId)).toBe(true);
    const garage = demoTicketRows.filter((x) => x.accountId === own.accountId).map((x) => x.id);
    expect(seenDemo.map((x) => x.id).sort()).toEqual([...garage].sort());
  });

  it('seeding again writes nothing more', async () => {
    const counts = async () => {
      const contracts = (await demoContracts()).map((c) => c.id);
      return [
        (await demoTickets()).length, contracts.length,
        Number((await t.admin('psaHourMovements').whereIn('contractId', contracts).count({ n: '*' }))[0]!.n),
        Number((await t.admin('planningEntries').where({ tenantId: tenant }).whereIn('title', DEMO_MSP.planning.map((p) => p.title)).count({ n: '*' }))[0]!.n),
        Number((await t.admin('users').where({ tenantId: tenant }).whereIn('email', DEMO_MSP.colleagues.map((c) => c.email)).count({ n: '*' }))[0]!.n),
      ];
    };
    const before = await counts();
    const userIds = Object.fromEntries(await Promise.all(['admin', 'manager', 'technician', 'client'].map(async (r) => [r, await userId(t.admin, r, 'msp')])));
    await findModule('psa')!.seedDemo!(t.admin, { tenantId: tenant, slug: 'msp', userIds });
    expect(await counts()).toEqual(before);
    expect(before).toEqual([TICKETS.length, CONTRACTS.length, expect.any(Number), DEMO_MSP.planning.length, DEMO_MSP.colleagues.length]);
  });
});
