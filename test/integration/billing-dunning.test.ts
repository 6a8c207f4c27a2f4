import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { creditInvoice } from '../../domain/billing/credit-notes';
import { INVOICE_DUNNING, startDunning } from '../../domain/billing/dunning-start';
import { notifyDunning } from '../../domain/billing/dunning-signal';
import { issueInvoice, recordInvoicePayment } from '../../domain/billing/invoice-actions';
import { todayInParis } from '../../domain/billing/issue';
import { billingInvoices } from '../../domain/billing/resources';
import { createRecord, type RequestContext } from '../../domain/core/record-service';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import type { ProcessResult } from '../../kernel/process/engine-types';
import { processStateQuery } from '../../workflows/engine/contract';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { engineWorker, resultSkippingTime, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * « Relance des factures impayées » (billing.invoice-dunning) on Temporal's time-skipping test server:
 * the invoice mailed with its PDF, then days pass in milliseconds — overdue the day after its due date,
 * a courteous reminder at D+7, a firm one with an SMS at D+21, a formal-notice task at D+45 — each
 * checked just before and just after its day; a payment or a full credit note stops it wherever it
 * stands, and nothing is sent after. An MSP organisation of this file's own (its admin invoices).
 */
describe('billing: the dunning of an invoice, on the time-skipping server', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  let accountId: string;
  const taskQueue = `dunning-${process.pid}`;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'dunning', ['psa']);
    const admin = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    expect((await request(t.app).put('/api/v1/billing/profile').set('Authorization', `Bearer ${admin}`).send(COMPLETE_PROFILE)).status).toBe(200);
    const account = await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${admin}`).send({ ...BUYER, email: 'compta@boulangerie.example' });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId, firstName: 'Jeanne', lastName: 'Martin', email: 'jeanne@boulangerie.example', mobile: '+33612345678' });
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  /** The organisation's admin, acting through the domain as the API would (the API's engine is not the time-skipping one). */
  const asAdmin = <T>(fn: (ctx: RequestContext) => Promise<T>) => withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    const principal = (await loadPrincipal(trx, tenant.tenantId, tenant.userIds.admin!))!;
    return fn({ trx, principal, ability: buildAbility(principal) });
  }, t.knex);

  /** An invoice of 1,200 € incl. VAT issued today (due in 30 days), its dunning started as the issue's API answer starts it. */
  /** A draft of `unitPriceCents` excl. VAT (20 %), issued on the test server's day (its clock runs ahead as tests skip time): due 30 days later. */
  const issue = async (unitPriceCents: number) => {
    const today = todayInParis(new Date(await env.currentTimeMs()));
    return asAdmin(async (ctx) => {
      const draft = await createRecord(ctx, billingInvoices, { accountId, lines: [{ description: 'Infogérance — mars', quantity: 1, unitPriceCents, vatRateBasisPoints: 2000 }] });
      return issueInvoice(ctx, String(draft.id), { today });
    });
  };

  async function issuedWithDunning() {
    const invoice = await issue(100_000);
    const id = String(invoice.id);
    expect(await startDunning(t.knex, env.client, taskQueue, tenant.tenantId, id)).toBe('started');
    // Asked once: a second start (a retry, a replica, the hourly run) starts nothing.
    expect(await startDunning(t.knex, env.client, taskQueue, tenant.tenantId, id)).toBe('not-requested');
    const handle = env.client.workflow.getHandle(`${tenant.tenantId}/${INVOICE_DUNNING}/${id}`);
    return { id, number: String(invoice.number), dueDate: String(invoice.dueDate), handle };
  }

  type Dunning = Awaited<ReturnType<typeof issuedWithDunning>>;
  const state = (d: Dunning) => d.handle.query(processStateQuery);
  /** Waits until the instance waits at `elementId` (its timers armed, its service tasks done). */
  const waitingAt = (d: Dunning, elementId: string) => until(`the dunning waiting at ${elementId}`, async () => ((await state(d)).activeElements.includes(elementId) ? true : undefined));
  /** Lets the test server's clock run to `offsetMs` around an instant. */
  const advanceTo = async (instant: string, offsetMs: number) => {
    const wait = Date.parse(instant) + offsetMs - await env.currentTimeMs();
    if (wait > 0) await skipTime(env, wait);
  };
  const sent = (d: Dunning) => t.admin('messages').where({ tenantId: tenant.tenantId, recordType: 'invoice', recordId: d.id }).orderBy('createdAt').select('id', 'channel', 'subject', 'recipient', 'body', 'attachments', 'status');
  const invoiceStatus = async (d: Dunning) => (await t.admin('billingInvoices').where({ id: d.id }).first('status')).status as string;
  const plan = async (d: Dunning) => (await state(d)).variables.dunning as Record<string, string>;
  const pay = (d: Dunning, amountCents = 120_000) => asAdmin((ctx) => recordInvoicePayment(ctx, d.id, { amountCents, method: 'transfer' }));

  it('mails the invoice with its PDF, then marks it overdue at D+1, reminds at D+7, at D+21 by mail and SMS, asks the accounting roles for a formal notice at D+45, and stops when it is paid', async () => {
    const d = await issuedWithDunning();
    await waitingAt(d, 'Overdue');
    const [mail] = await sent(d);
    expect(mail).toMatchObject({ channel: 'mail', recipient: 'compta@boulangerie.example', subject: `Facture ${d.number} — SoftWhere SAS`, status: 'sent' });
    expect(mail.body).toContain('Bonjour Jeanne Martin,');
    expect(mail.attachments).toEqual([{ filename: `Facture ${d.number}.pdf`, contentType: 'application/pdf', sizeBytes: expect.any(Number) }]);
    const outbox = await t.admin('sandboxMailOutbox').where({ reference: mail.id }).first('attachments');
    expect(outbox.attachments[0].sizeBytes).toBeGreaterThan(1000);
    expect(await invoiceStatus(d)).toBe('sent');
    const timeline = await t.admin('history').where({ recordType: 'invoice', recordId: d.id }).orderBy('id').pluck('action');
    expect(timeline).toEqual(expect.arrayContaining(['issue', 'message', 'send']));

    // The days the process planned: 9 am in Paris, the day after the due date and 7, 21 and 45 days after it.
    const days = await plan(d);
    const after = (n: number) => new Date(Date.parse(`${d.dueDate}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect(days).toMatchObject({ overdueOn: after(1), courteousOn: after(7), firmOn: after(21), formalNoticeOn: after(45) });
    expect(new Date(days.courteousAt!).toLocaleString('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' })).toBe('09');

    await advanceTo(days.overdueAt!, -HOUR);
    await waitingAt(d, 'Overdue');
    expect(await invoiceStatus(d)).toBe('sent');
    await advanceTo(days.overdueAt!, HOUR);
    await waitingAt(d, 'CourteousDue');
    expect(await invoiceStatus(d)).toBe('overdue');

    await advanceTo(days.courteousAt!, -HOUR);
    await waitingAt(d, 'CourteousDue');
    expect(await sent(d)).toHaveLength(1);
    await advanceTo(days.courteousAt!, HOUR);
    await waitingAt(d, 'FirmDue');
    const courteous = (await sent(d))[1]!;
    expect(courteous).toMatchObject({ channel: 'mail', subject: `Rappel : facture ${d.number} en attente de règlement`, attachments: [expect.objectContaining({ contentType: 'application/pdf' })] });
    expect(courteous.body).toMatch(/reste due pour 1\s200,00\s€/);

    await advanceTo(days.firmAt!, -HOUR);
    await waitingAt(d, 'FirmDue');
    expect(await sent(d)).toHaveLength(2);
    await advanceTo(days.firmAt!, HOUR);
    await waitingAt(d, 'FormalNoticeDue');
    const [firm, sms] = (await sent(d)).slice(2);
    expect(firm).toMatchObject({ channel: 'mail', subject: `Deuxième relance : facture ${d.number} impayée` });
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+33612345678' });
    expect(sms!.body).toContain(`notre facture ${d.number} reste impayée`);

    await advanceTo(days.formalNoticeAt!, -HOUR);
    await waitingAt(d, 'FormalNoticeDue');
    await advanceTo(days.formalNoticeAt!, HOUR);
    const task = await until('the formal notice task', async () => (await t.admin('tasks').where({ tenantId: tenant.tenantId, businessKey: d.id, status: 'open' }).first()) ?? undefined);
    expect(task).toMatchObject({ elementId: 'FormalNotice', name: 'Mise en demeure', formKey: 'billing.invoice-dunning.formal-notice' });
    expect([...task.candidateRoles].sort()).toEqual(['admin', 'manager']);

    // Paid while the task waits: the message stops the follow-up at once, the task is withdrawn, nothing more is sent.
    await pay(d);
    expect(await notifyDunning(t.knex, async () => env.client, tenant.tenantId, d.id, 'payment')).toEqual({ sent: true, message: 'billing.invoice-paid', delivered: true });
    const result = await resultSkippingTime<ProcessResult>(env, d.handle.workflowId);
    expect(result.status).toBe('completed');
    expect((await state(d)).completedElements).toMatchObject({ PaymentReceived: 1, InvoicePaid: 1 });
    expect((await t.admin('tasks').where({ id: task.id }).first('status')).status).toBe('cancelled');
    expect(await sent(d)).toHaveLength(4);
  });

  it('sends nothing more once paid between two reminders: no firm reminder, no SMS, and the process ends', async () => {
    const d = await issuedWithDunning();
    await waitingAt(d, 'Overdue');
    const days = await plan(d);
    await advanceTo(days.courteousAt!, HOUR);
    await waitingAt(d, 'FirmDue');
    expect((await sent(d)).map((m) => m.channel)).toEqual(['mail', 'mail']);

    await pay(d, 50_000);
    // Part paid: the dunning goes on.
    expect(await notifyDunning(t.knex, async () => env.client, tenant.tenantId, d.id, 'payment')).toEqual({ sent: false, reason: 'still-due' });
    await pay(d, 70_000);
    expect(await notifyDunning(t.knex, async () => env.client, tenant.tenantId, d.id, 'payment')).toMatchObject({ sent: true, delivered: true });
    expect((await resultSkippingTime<ProcessResult>(env, d.handle.workflowId)).status).toBe('completed');
    expect((await state(d)).completedElements).toMatchObject({ InvoicePaid: 1 });
    expect((await state(d)).completedElements.FirmReminder).toBeUndefined();
    await skipTime(env, 60 * 86_400_000);
    expect((await sent(d)).map((m) => m.channel)).toEqual(['mail', 'mail']);
    expect(await invoiceStatus(d)).toBe('paid');
  });

  it('stops on a credit note that cancels the whole invoice: no reminder at all', async () => {
    const d = await issuedWithDunning();
    await waitingAt(d, 'Overdue');
    await asAdmin((ctx) => creditInvoice(ctx, d.id, { reason: 'Facture émise par erreur' }));
    expect(await invoiceStatus(d)).toBe('cancelled');
    expect(await notifyDunning(t.knex, async () => env.client, tenant.tenantId, d.id, 'credit-note')).toEqual({ sent: true, message: 'billing.invoice-credited', delivered: true });
    expect((await resultSkippingTime<ProcessResult>(env, d.handle.workflowId)).status).toBe('completed');
    expect((await state(d)).completedElements).toMatchObject({ CreditNoteIssued: 1, InvoiceCredited: 1 });
    await skipTime(env, 60 * 86_400_000);
    expect((await sent(d)).map((m) => m.subject)).toEqual([`Facture ${d.number} — SoftWhere SAS`]);
  });

  it('ends at once, mailing nothing, for an invoice paid before its dunning started; the message sent meanwhile waits for it', async () => {
    const id = String((await issue(10_000)).id);
    await asAdmin((ctx) => recordInvoicePayment(ctx, id, { amountCents: 12_000, method: 'card' }));
    expect(await notifyDunning(t.knex, async () => env.client, tenant.tenantId, id, 'payment')).toEqual({ sent: true, message: 'billing.invoice-paid', delivered: false });
    expect(await startDunning(t.knex, env.client, taskQueue, tenant.tenantId, id)).toBe('started');
    const handle = env.client.workflow.getHandle(`${tenant.tenantId}/${INVOICE_DUNNING}/${id}`);
    expect((await resultSkippingTime<ProcessResult>(env, handle.workflowId)).status).toBe('completed');
    expect((await handle.query(processStateQuery)).completedElements).toMatchObject({ NothingToCollect: 1 });
    expect(await t.admin('messages').where({ recordType: 'invoice', recordId: id })).toEqual([]);
  });
});
