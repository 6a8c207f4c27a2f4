import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { serveStartRequests } from '../../api/process/start-requests';
import { seedDemoAccounts } from '../../db/seed';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { seedBillingDemo } from '../../domain/billing/demo-seed';
import { INVOICE_DUNNING } from '../../domain/billing/dunning-start';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * The dunning wired to billing's API on the real Temporal server: issuing an invoice starts its
 * dunning (once), the invoice goes out by mail, paying it in full or cancelling it by a credit note
 * ends it, a part payment does not; an invoice nobody can be mailed is handed to the accounting roles
 * (« Transmettre la facture au client »). GET …/invoices/{id}/dunning says where it stands.
 */
describe('billing: the dunning through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const api = (method: 'get' | 'post' | 'put', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'fr');

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'dunning-api', ['psa']);
    token = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    expect((await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const issued = async (email: string | null) => {
    const account = await api('post', '/api/v1/accounts').send({ ...BUYER, email });
    const draft = await api('post', '/api/v1/billing/invoices').send({ accountId: account.body.id, lines: [{ description: 'Maintenance', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 2000 }] });
    const invoice = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
    expect(invoice.status).toBe(200);
    return invoice.body as { id: string; number: string; dueDate: string };
  };
  const instance = (invoiceId: string) => t.admin('processInstances').where({ tenantId: tenant.tenantId, processKey: INVOICE_DUNNING, businessKey: invoiceId }).first('id', 'status', 'workflowId');
  const ended = (invoiceId: string) => until('the dunning to end', async () => ((await instance(invoiceId))?.status === 'completed' ? true : undefined));
  const dunning = async (invoiceId: string) => (await api('get', `/api/v1/billing/invoices/${invoiceId}/dunning`)).body.dunning;

  it('starts when the invoice is issued, mails it, goes on after a part payment and ends when the rest is paid', async () => {
    const invoice = await issued('compta@client.example');
    await until('the invoice mailed', async () => ((await dunning(invoice.id))?.messages[0]?.status === 'sent' ? true : undefined));
    const state = await dunning(invoice.id);
    const day = (n: number) => new Date(Date.parse(`${invoice.dueDate}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect(state).toMatchObject({
      status: 'running', delays: { courteousReminderDelay: 'P7D', firmReminderDelay: 'P21D', formalNoticeDelay: 'P45D' },
      schedule: { overdueOn: day(1), courteousOn: day(7), firmOn: day(21), formalNoticeOn: day(45) },
      messages: [{ channel: 'mail', subject: `Facture ${invoice.number} — SoftWhere SAS`, status: 'sent' }], openTasks: [],
    });
    expect((await api('get', `/api/v1/billing/invoices/${invoice.id}`)).body.status).toBe('sent');
    // The process's instance is the invoice's: one, under the invoice's id.
    expect(await t.admin('processInstances').where({ businessKey: invoice.id })).toHaveLength(1);

    expect((await api('post', `/api/v1/billing/invoices/${invoice.id}/payments`).send({ amountCents: 20_000, method: 'transfer' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    expect((await instance(invoice.id))!.status).toBe('running');
    expect((await api('post', `/api/v1/billing/invoices/${invoice.id}/payments`).send({ amountCents: 40_000, method: 'transfer' })).status).toBe(201);
    await ended(invoice.id);
    expect(await dunning(invoice.id)).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
  });

  it('ends when a credit note cancels the whole invoice', async () => {
    const invoice = await issued('compta@autre-client.example');
    // Once it follows the payment (the invoice mailed, its messages awaited).
    await until('the follow-up waiting for a payment or a credit note', async () => ((await t.admin('messageSubscriptions').where({ tenantId: tenant.tenantId, correlationKey: invoice.id, messageName: 'billing.invoice-credited' }).first('workflowId')) ? true : undefined));
    expect((await api('post', `/api/v1/billing/invoices/${invoice.id}/credit-note`).send({ reason: 'Annulée à la demande du client' })).status).toBe(201);
    await ended(invoice.id);
    const history = await api('get', `/api/v1/process-instances/${(await instance(invoice.id))!.id}`);
    expect(history.body.completedElements).toMatchObject({ CreditNoteIssued: 1, InvoiceCredited: 1 });
  });

  it('hands an invoice it cannot mail (no address) to the roles that invoice, then follows its payment', async () => {
    const invoice = await issued(null);
    const task = await until('the hand-over task', async () => (await t.admin('tasks').where({ tenantId: tenant.tenantId, businessKey: invoice.id, status: 'open' }).first()) ?? undefined);
    expect(task).toMatchObject({ elementId: 'DeliverByHand', name: 'Transmettre la facture au client' });
    expect([...task.candidateRoles].sort()).toEqual(['admin', 'manager']);
    const form = await api('get', `/api/v1/tasks/${task.id}`);
    expect(form.body.form.schema.properties.deliveredBy.oneOf).toContainEqual({ const: 'post', title: 'Envoyée par courrier' });
    expect((await api('post', `/api/v1/tasks/${task.id}/complete`).send({ deliveredBy: 'pigeon' })).status).toBe(400);
    expect((await api('post', `/api/v1/tasks/${task.id}/complete`).send({ deliveredBy: 'post' })).status).toBe(200);
    const state = await until('the follow-up', async () => {
      const s = await dunning(invoice.id);
      return s.openTasks.length === 0 && s.status === 'running' ? s : undefined;
    });
    expect(state.messages).toEqual([]);
    const reason = await t.admin('processInstances').where({ businessKey: invoice.id }).first('id');
    const detail = await api('get', `/api/v1/process-instances/${reason.id}`);
    expect(detail.body.variables.sending).toMatchObject({ sent: false, reason: "Aucune adresse e-mail pour cette facture : ni le client, ni son site de facturation, ni ses contacts n'en ont." });
  });

  it('starts the demo\'s dunnings when the API starts, each where its dates put it (one on the formal notice), and seeds the MSP\'s subscriptions', async () => {
    const demo = DEMO_TENANTS.find((x) => x.slug === 'msp')!;
    const own = await createOwnTenant(t.admin, 'dunning-demo', demo.verticals);
    await seedDemoAccounts(t.admin, own.tenantId, demo, own.userIds);
    // The MSP's billing demo, written into this organisation of the test's own.
    await seedBillingDemo(t.admin, { tenantId: own.tenantId, slug: 'msp', userIds: own.userIds });
    await installShippedProcesses(t.admin, [own.tenantId]);
    // select, not pluck: pluck reads the snake_case column before the camelCase mapping.
    const asked = (await t.admin('processStartRequests').where({ tenantId: own.tenantId, processKey: INVOICE_DUNNING }).select('businessKey')).map((r) => r.businessKey as string);
    const issued = await t.admin('billingInvoices').where({ tenantId: own.tenantId }).whereNotNull('number').pluck('id');
    expect(asked.length).toBeGreaterThanOrEqual(6);
    expect(issued).toEqual(expect.arrayContaining(asked));

    expect((await serveStartRequests(t.deps, { tenantIds: [own.tenantId] })).started).toBeGreaterThanOrEqual(asked.length);
    expect(await serveStartRequests(t.deps, { tenantIds: [own.tenantId] })).toEqual({ started: 0 });
    const notice = await until('the formal notice of the invoice 50 days late', async () => (await t.admin('tasks').where({ tenantId: own.tenantId, elementId: 'FormalNotice', status: 'open' }).first()) ?? undefined, 120_000);
    expect([...notice.candidateRoles].sort()).toEqual(['admin', 'manager']);
    const noticed = await t.admin('billingInvoices').where({ id: notice.businessKey }).first('status', 'dueDate');
    expect(noticed.status).toBe('overdue');
    // Its two reminders went out (the second with an SMS to the client's billing contact); it had been sent already, so it was not mailed again.
    expect((await t.admin('messages').where({ recordType: 'invoice', recordId: notice.businessKey }).orderBy('createdAt').select('channel')).map((r) => r.channel)).toEqual(['mail', 'mail', 'sms']);
    // Paid or cancelled invoices end at once; the others wait for a payment, each at its step.
    const statuses = await until('every demo dunning settled at its step', async () => {
      const rows = await t.admin('processInstances').where({ tenantId: own.tenantId, processKey: INVOICE_DUNNING }).select('status', 'workflowId');
      return rows.length >= asked.length ? rows.map((r) => r.status as string) : undefined;
    });
    expect(statuses).toEqual(expect.arrayContaining(['completed', 'running']));

    const subscriptions = await t.admin('billingSubscriptions').where({ tenantId: own.tenantId }).orderBy('number').select('basis', 'frequency', 'quantity', 'mode');
    expect(subscriptions).toEqual([
      { basis: 'machine', frequency: 'monthly', quantity: 25, mode: 'issued' },
      { basis: 'user', frequency: 'monthly', quantity: 18, mode: 'draft' },
      { basis: 'flat', frequency: 'monthly', quantity: 1, mode: 'issued' },
    ]);
  });
});
