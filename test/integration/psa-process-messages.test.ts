import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { withTenant } from '../../db/tenant-scope';
import { loadPrincipal } from '../../domain/identity/principal';
import { openTicket, ticketAfterCommit } from '../../domain/psa/ticket-actions';
import { TICKET_PROCESS } from '../../domain/psa/ticket-process';
import type { ProcessResult, ProcessState } from '../../kernel/process/engine-types';
import { processStateQuery } from '../../workflows/engine/contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * The work done on the records moves each ticket's `psa.ticket-to-invoice` instance on (ADR 0005),
 * on the real Temporal server, through the API as people do it: taking a ticket, the SLA breach handing
 * it to a manager or resolving it closes its triage task, the approval of a closed ticket's time
 * (`psa.ticket-time-approved`, the hour bank deducted in the same transaction) and « Facturer »
 * (`psa.ticket-invoiced`) reach the instance waiting for them once committed, so it moves on at once
 * rather than at its daily check (`billingCheckInterval`, one day: it never fires while this runs).
 */
describe('MSP: the records move the ticket\'s process, on the real Temporal server', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  let accountId: string;
  const token: Record<string, string> = {};
  const api = (who: string, method: 'get' | 'post' | 'patch' | 'put', url: string) =>
    request(t.app)[method](`/api/v1${url}`).set('Authorization', `Bearer ${token[who]}`).set('Accept-Language', 'fr');

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'psa-messages', ['psa', 'billing']);
    await installShippedProcesses(t.admin, [tenant.tenantId]);
    for (const role of ['admin', 'manager', 'technician']) token[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    expect((await api('admin', 'put', '/billing/profile').set('If-Match', '"0"').send(COMPLETE_PROFILE)).status).toBe(200);
    const account = await api('manager', 'post', '/accounts').send({ ...BUYER, status: 'active' });
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await t.close();
  });

  const handleOf = async (ticketId: string) => (await t.deps.temporal()).workflow.getHandle(`${tenant.tenantId}/${TICKET_PROCESS}/${ticketId}`);
  const state = async (ticketId: string): Promise<ProcessState> => (await handleOf(ticketId)).query(processStateQuery);
  const waitingAt = (ticketId: string, elementId: string, also: (s: ProcessState) => boolean = () => true) =>
    until(`the process waiting at ${elementId}`, async () => {
      const s = await state(ticketId);
      return s.activeElements.includes(elementId) && also(s) ? s : undefined;
    });
  const completed = async (ticketId: string): Promise<ProcessResult> => {
    const handle = await handleOf(ticketId);
    await until('the process completed', async () => ((await handle.describe()).status.name === 'RUNNING' ? undefined : true));
    return await handle.result() as ProcessResult;
  };
  const triageTask = (ticketId: string) => t.admin('tasks').where({ tenantId: tenant.tenantId, businessKey: ticketId, elementId: 'Triage' }).first('id', 'status');
  const move = async (ticketId: string, status: string) => expect((await api('technician', 'post', `/psa/tickets/${ticketId}/status`).send({ status })).status).toBe(200);
  const take = async (ticketId: string, who = 'technician') => {
    const { body: ticket } = await api(who, 'get', `/psa/tickets/${ticketId}`);
    const taken = await api(who, 'patch', `/psa/tickets/${ticketId}`).set('If-Match', `"${ticket.version}"`).send({ assigneeId: tenant.userIds[who] });
    expect(taken.status).toBe(200);
  };
  /** Time entered by the technician and submitted for approval. */
  const submittedTime = async (ticketId: string, minutes: number, kind: string): Promise<string> => {
    const entry = await api('technician', 'post', '/psa/time-entries').send({ ticketId, minutes, kind });
    expect(entry.status).toBe(201);
    expect((await api('technician', 'post', `/psa/time-entries/${entry.body.id}/submit`).send({})).status).toBe(200);
    return entry.body.id;
  };

  it('a ticket outside any contract: taking it closes the triage; closed, its time approved moves the process on at once to the pre-billing, and « Facturer » ends it', async () => {
    const opened = await api('technician', 'post', '/psa/tickets').send({ accountId, title: 'Messagerie bloquée', priority: 'normal' });
    expect(opened.status).toBe(201);
    const ticketId = String(opened.body.id);
    await waitingAt(ticketId, 'Triage');
    expect(await until('the triage task', async () => (await triageTask(ticketId)) ?? undefined)).toMatchObject({ status: 'open' });

    await take(ticketId);
    await waitingAt(ticketId, 'WaitResolved');
    expect(await triageTask(ticketId)).toMatchObject({ status: 'cancelled' });

    const entryId = await submittedTime(ticketId, 90, 'billable');
    await move(ticketId, 'in-progress');
    await move(ticketId, 'resolved');
    await waitingAt(ticketId, 'AwaitConfirmation');
    await move(ticketId, 'closed');
    // Closed with time still to approve: the process waits.
    const waiting = await waitingAt(ticketId, 'WaitBilling');
    expect(waiting.variables.billing).toMatchObject({ pendingEntries: 1, prebilling: 'none' });
    expect(waiting.completedElements.BillingStatus).toBe(1);

    // The manager approves: the instance hears it, checks again and now waits for the invoice.
    expect((await api('manager', 'post', `/psa/time-entries/${entryId}/approve`).send({})).status).toBe(200);
    const prebilled = await waitingAt(ticketId, 'WaitBilling', (s) => s.completedElements.TimeApproved === 1);
    expect(prebilled.completedElements).toMatchObject({ TimeApproved: 1, BillingStatus: 2 });
    expect(prebilled.completedElements.RecheckDue).toBeUndefined();
    expect(prebilled.variables.billing).toMatchObject({ pendingEntries: 0, billedMinutes: 90, prebilling: 'pending' });

    const queue = await api('manager', 'get', '/psa/pre-billing?limit=100');
    const item = (queue.body.items as Array<{ id: string; ticketId: string }>).find((i) => i.ticketId === ticketId)!;
    const invoiced = await api('manager', 'post', '/psa/pre-billing/invoice').send({ ids: [item.id], issue: false });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body.items).toEqual([expect.objectContaining({ outcome: 'invoiced' })]);

    const result = await completed(ticketId);
    expect(result.status).toBe('completed');
    const done = await state(ticketId);
    expect(done.completedElements).toMatchObject({ InvoiceIssued: 1, BillingStatus: 3, Invoiced: 1 });
    expect(done.completedElements.RecheckDue).toBeUndefined();
    expect(done.variables.billing).toMatchObject({ prebilling: 'invoiced', invoiceId: invoiced.body.items[0].invoiceId });
  });

  it('a ticket on an hour bank: closed, the approval of its time deducts it from the bank and ends the process at once', async () => {
    const contract = await api('manager', 'post', '/psa/contracts').send({
      accountId, name: 'Banque d\'heures 10 h', type: 'hour-bank', startDate: '2026-01-01', hourlyRateCents: 9_000, packMinutes: 600, packPriceCents: 80_000,
    });
    expect(contract.status).toBe(201);
    expect((await api('manager', 'post', `/psa/contracts/${contract.body.id}/packs`).send({})).status).toBe(201);
    const opened = await api('technician', 'post', '/psa/tickets').send({ accountId, title: 'Sauvegarde en échec', priority: 'high', contractId: contract.body.id, assigneeId: tenant.userIds.technician });
    expect(opened.status).toBe(201);
    const ticketId = String(opened.body.id);
    await waitingAt(ticketId, 'WaitResolved');
    const entryId = await submittedTime(ticketId, 75, 'included');
    await move(ticketId, 'resolved');
    await waitingAt(ticketId, 'AwaitConfirmation');
    await move(ticketId, 'closed');
    await waitingAt(ticketId, 'WaitBilling');

    expect((await api('manager', 'post', `/psa/time-entries/${entryId}/approve`).send({})).status).toBe(200);
    const result = await completed(ticketId);
    expect(result.status).toBe('completed');
    expect((await state(ticketId)).completedElements).toMatchObject({ TimeApproved: 1, BillingStatus: 2, Covered: 1 });
    const hours = await api('manager', 'get', `/psa/contracts/${contract.body.id}/hours`);
    expect(hours.body.remainingMinutes).toBe(525);
    expect(hours.body.items[0]).toMatchObject({ kind: 'consumption', minutes: -75, timeEntryId: entryId, ticketId });
  });

  it('a ticket whose response target passed during the triage: the breach hands it to a manager, which closes the triage task; the manager then takes it over and resolves it', async () => {
    // Opened as the API does, dated a week ago so that every SLA level is already due when its process plans it.
    const outcome = await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const principal = (await loadPrincipal(trx, tenant.tenantId, tenant.userIds.technician!))!;
      const opened = await openTicket(trx, { principal }, { accountId, title: 'Réseau du magasin coupé', priority: 'critical' });
      await trx('psaTickets').where({ id: opened.ticket.id }).update({ createdAt: new Date(Date.now() - 7 * 24 * 3_600_000) });
      return opened;
    }, t.knex);
    await ticketAfterCommit(t.deps, tenant.tenantId, outcome);
    const ticketId = String(outcome.ticket.id);
    const breached = await until('the breach handing the ticket to a manager', async () => {
      const row = await t.admin('psaTickets').where({ id: ticketId }).first('assigneeId', 'responseBreachedAt');
      return row?.responseBreachedAt && row.assigneeId ? row : undefined;
    });
    expect(breached.assigneeId).toBe(tenant.userIds.manager);
    // Assigned by the hand-over: nothing is left to triage, the task leaves the task lists.
    await waitingAt(ticketId, 'WaitResolved');
    expect(await triageTask(ticketId)).toMatchObject({ status: 'cancelled' });
    const path = (await state(ticketId)).elements.filter((e) => e.elementId === 'Triage' || e.elementId === 'AssignedMeanwhile').map((e) => `${e.elementId}:${e.outcome}`);
    expect(path).toEqual(['Triage:interrupted', 'AssignedMeanwhile:completed']);

    // The manager keeps it (taking it again changes nothing for the process) and resolves it: the process follows.
    await take(ticketId, 'manager');
    expect((await api('manager', 'post', `/psa/tickets/${ticketId}/status`).send({ status: 'resolved' })).status).toBe(200);
    await waitingAt(ticketId, 'AwaitConfirmation');
  });

  it('a ticket resolved before anyone triaged it: the triage task closes and the process awaits the client\'s confirmation', async () => {
    const opened = await api('technician', 'post', '/psa/tickets').send({ accountId, title: 'Mot de passe oublié', priority: 'low' });
    expect(opened.status).toBe(201);
    const ticketId = String(opened.body.id);
    await waitingAt(ticketId, 'Triage');
    await move(ticketId, 'resolved');
    await waitingAt(ticketId, 'AwaitConfirmation');
    expect(await triageTask(ticketId)).toMatchObject({ status: 'cancelled' });
    expect((await state(ticketId)).completedElements).toMatchObject({ ResolvedMeanwhile: 1, HandlingEnd: 1 });
  });
});
