import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { joinWaitingTickets } from '../../api/psa/tickets.join';
import { seedDemoAccounts } from '../../db/seed';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { findModule } from '../../domain/modules/registry';
import { DEMO_MSP } from '../../domain/psa/demo-data';
import { TICKET_PROCESS } from '../../domain/psa/ticket-process';
import { processStateQuery } from '../../workflows/engine/contract';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { until } from '../support/worker-process';

/**
 * The MSP demo's tickets are written before Temporal is up (domain/psa/demo-seed.ts): when the API
 * starts, the psa module's start-up work has each ticket still being handled join its
 * `psa.ticket-to-invoice` process where it stands (api/psa/tickets.join.ts). The demo is seeded here
 * into an organisation of this file's own (as the MSP's), so nothing running in parallel is joined
 * and the shared demo is left as its own test expects it; the worker is this file's.
 */
describe('MSP demo tickets join their ticket-to-invoice process when the API starts', () => {
  let t: TestContext;
  let own: OwnTenant;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  type Ticket = { id: string; accountId: string; title: string; status: string; priority: string; assigneeId: string | null; createdAt: Date; responseDueAt: Date | null; resolutionDueAt: Date | null; responseBreachedAt: Date | null; slaPausedSince: Date | null; slaLevel: number | null };
  let seeded: Ticket[];

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    own = await createOwnTenant(t.admin, 'psajoin', ['psa']);
    const msp = DEMO_TENANTS.find((x) => x.slug === DEMO_MSP.slug)!;
    await seedDemoAccounts(t.admin, own.tenantId, msp, own.userIds);
    // The MSP's demo, written for this organisation (the seed writes the MSP's demo for the slug it is told).
    await findModule('psa')!.seedDemo!(t.admin, { tenantId: own.tenantId, slug: DEMO_MSP.slug, userIds: own.userIds });
    await installShippedProcesses(t.admin, [own.tenantId]);
    seeded = await t.admin('psaTickets').where({ tenantId: own.tenantId }).orderBy('number').select('*');
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const handled = () => seeded.filter((x) => ['open', 'in-progress', 'waiting'].includes(x.status));
  const instances = () => t.admin('processInstances').where({ tenantId: own.tenantId, processKey: TICKET_PROCESS }).orderBy('businessKey').select('id', 'businessKey', 'status', 'workflowId');
  const stateOf = async (ticketId: string) => (await t.deps.temporal()).workflow.getHandle(`${own.tenantId}/${TICKET_PROCESS}/${ticketId}`).query(processStateQuery);
  const waitingAt = (ticketId: string, elementId: string) => until(`ticket ${ticketId} at ${elementId}`, async () => {
    const state = await stateOf(ticketId);
    return state.activeElements.includes(elementId) ? state : undefined;
  });
  /** The triage tasks a demo user finds in their task list, by ticket id. */
  const triageTasks = async (role: string) => {
    const { accessToken } = await loginAs(t.app, role, own.slug);
    const res = await request(t.app).get(`/api/v1/tasks?candidate=me&processKey=${TICKET_PROCESS}`).set('Authorization', `Bearer ${accessToken}`);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ elementId: string; businessKey: string }>).filter((x) => x.elementId === 'Triage').map((x) => x.businessKey).sort();
  };

  it('gives each open, in-progress and waiting demo ticket exactly one running instance, and the resolved and closed ones none', async () => {
    expect(handled().length).toBeGreaterThanOrEqual(5);
    expect(await instances()).toEqual([]);
    const { joined } = await joinWaitingTickets(t.deps, { tenantIds: [own.tenantId] });
    expect(joined).toBe(handled().length);
    const rows = await instances();
    expect(rows.map((r) => r.businessKey)).toEqual(handled().map((x) => x.id).sort());
    expect(rows.every((r) => r.status === 'running')).toBe(true);
    const client = await t.deps.temporal();
    for (const row of rows) expect((await client.workflow.getHandle(row.workflowId).describe()).status.name).toBe('RUNNING');
  });

  it('plans each clock from the ticket\'s real opening: the deadlines the demo shows are the process\'s own', async () => {
    for (const ticket of handled().filter((x) => x.status !== 'waiting')) {
      const state = await until(`ticket ${ticket.title} planned`, async () => {
        const s = await stateOf(ticket.id);
        return s.variables.sla ? s : undefined;
      });
      const sla = state.variables.sla as { response: { dueAt: string }; resolution: { dueAt: string } };
      expect({ title: ticket.title, response: sla.response.dueAt, resolution: sla.resolution.dueAt })
        .toEqual({ title: ticket.title, response: ticket.responseDueAt!.toISOString(), resolution: ticket.resolutionDueAt!.toISOString() });
    }
  });

  it('keeps the demo\'s SLA breach as it was recorded: the critical ticket nobody answered stays breached, recorded once', async () => {
    const breached = seeded.find((x) => x.priority === 'critical' && x.status === 'open' && x.responseBreachedAt)!;
    expect(breached).toBeDefined();
    const before = await t.admin('psaTicketSlaEvents').where({ ticketId: breached.id, target: 'response' }).orderBy('percent').select('percent', 'occurredAt');
    // Its past response timers have fired (each level already recorded: nothing more), and it waits for its triage.
    await until('the breached ticket\'s response timers fired', async () => {
      const state = await stateOf(breached.id);
      return ['EscalateResponseFirst', 'EscalateResponseSecond', 'EscalateResponseBreach'].every((id) => state.completedElements[id] === 1) ? state : undefined;
    });
    expect(await t.admin('psaTicketSlaEvents').where({ ticketId: breached.id, target: 'response' }).orderBy('percent').select('percent', 'occurredAt')).toEqual(before);
    const now = await t.admin('psaTickets').where({ id: breached.id }).first('responseBreachedAt', 'slaLevel', 'assigneeId');
    expect(now).toMatchObject({ responseBreachedAt: breached.responseBreachedAt, slaLevel: 100 });
  });

  it('keeps a waiting ticket\'s clock stopped since the instant its record says, until it resumes', async () => {
    for (const ticket of handled().filter((x) => x.status === 'waiting')) {
      await waitingAt(ticket.id, 'WaitResume');
      expect(await t.admin('psaTickets').where({ id: ticket.id }).first('slaPausedSince', 'resolutionDueAt')).toEqual({ slaPausedSince: ticket.slaPausedSince, resolutionDueAt: null });
    }
  });

  it('puts the unassigned tickets\' triage in the task list of the manager and of the technicians', async () => {
    const unassigned = handled().filter((x) => x.status !== 'waiting' && !x.assigneeId).map((x) => x.id).sort();
    expect(unassigned.length).toBeGreaterThanOrEqual(1);
    for (const id of unassigned) await waitingAt(id, 'Triage');
    expect(await triageTasks('manager')).toEqual(unassigned);
    expect(await triageTasks('technician')).toEqual(unassigned);
    // An assigned ticket skips its triage and waits to be resolved.
    const assigned = handled().find((x) => x.status !== 'waiting' && x.assigneeId)!;
    await waitingAt(assigned.id, 'WaitResolved');
  });

  it('starts nothing more when it runs again, nor when two replicas run it together', async () => {
    const before = await instances();
    expect(await joinWaitingTickets(t.deps, { tenantIds: [own.tenantId] })).toEqual({ joined: 0 });
    expect(await instances()).toEqual(before);

    // A ticket written without the API, then two API replicas starting at the same time: one instance.
    const [ticket] = await t.admin('psaTickets').insert({ tenantId: own.tenantId, number: 9001, accountId: seeded[0]!.accountId, title: 'Écrit sans l’API', priority: 'normal', status: 'open' }).returning('id');
    const both = await Promise.all([joinWaitingTickets(t.deps, { tenantIds: [own.tenantId] }), joinWaitingTickets(t.deps, { tenantIds: [own.tenantId] })]);
    expect(both.map((r) => r.joined).sort()).toEqual([0, 1]);
    const after = await instances();
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((r) => r.businessKey === ticket.id)).toHaveLength(1);
    await waitingAt(ticket.id, 'Triage');
  });
});
