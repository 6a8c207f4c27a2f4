import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { SUBSCRIPTION_INVOICING_EVERY, ensureSubscriptionSchedule } from '../../api/billing/subscription-schedule';
import { INVOICE_DUNNING } from '../../domain/billing/dunning-start';
import { invoiceDueSubscriptions } from '../../domain/billing/subscriptions';
import { SUBSCRIPTION_INVOICING_WORKFLOW, type SubscriptionInvoicingResult } from '../../workflows/billing/subscription-invoicing.contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Recurring invoicing in an MSP of this file's own: subscriptions through the API (per machine, per
 * user, flat), the run that invoices their periods — a missed run made up once, each period invoiced
 * once however often or concurrently it runs —, issued invoices with their dunning asked for, and the
 * hourly Temporal Schedule with the workflow it starts.
 */
describe('billing: subscriptions and recurring invoicing', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let accountId: string;
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
  const LINE = { description: 'Infogérance poste de travail', quantity: 1, unit: 'MON', unitPriceCents: 3_500, vatRateBasisPoints: 2000 };
  const subscribe = async (body: Record<string, unknown>) => {
    const res = await api('post', '/api/v1/billing/subscriptions').send({ accountId, name: 'Infogérance des postes', frequency: 'monthly', basis: 'machine', quantity: 12, lines: [LINE], ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: number; version: number; nextPeriodStart: string };
  };
  const periodsOf = (id: string) => t.admin('billingSubscriptionPeriods').where({ subscriptionId: id }).orderBy('periodStart').select('periodStart', 'periodEnd', 'invoiceId');

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'subscriptions', ['psa']);
    token = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    expect((await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    const account = await api('post', '/api/v1/accounts').send(BUYER);
    accountId = account.body.id;
  });
  afterAll(() => t.close());

  it('creates, lists, reads and changes subscriptions; refuses a flat subscription of 2, an end before the start, and moving the start once a period is invoiced', async () => {
    const created = await subscribe({ startDate: '2026-01-01', notes: 'Contrat cadre 2026' });
    expect(created).toMatchObject({ number: expect.any(Number), nextPeriodStart: '2026-01-01', mode: 'draft', active: true, invoicedPeriods: 0, accountName: BUYER.name, quantity: 12, basis: 'machine' });
    expect((await api('get', `/api/v1/billing/subscriptions?accountId=${accountId}&basis=machine`)).body.items.map((s: { id: string }) => s.id)).toContain(created.id);
    expect((await api('get', '/api/v1/billing/subscriptions?basis=rack')).status).toBe(400);

    const flat = await api('post', '/api/v1/billing/subscriptions').send({ accountId, name: 'Forfait', frequency: 'yearly', basis: 'flat', quantity: 2, startDate: '2026-01-01', lines: [LINE] });
    expect(flat.status).toBe(400);
    expect(flat.body.errors).toEqual([expect.objectContaining({ field: 'quantity', message: 'un abonnement forfaitaire se facture tel quel : sa quantité est 1' })]);
    const backwards = await api('post', '/api/v1/billing/subscriptions').send({ accountId, name: 'Forfait', frequency: 'yearly', basis: 'flat', startDate: '2026-06-01', endDate: '2026-01-01', lines: [LINE] });
    expect(backwards.status).toBe(400);
    expect((await api('post', '/api/v1/billing/subscriptions').send({ accountId, name: 'Sans ligne', frequency: 'monthly', basis: 'user', startDate: '2026-01-01', lines: [] })).status).toBe(400);
    const impossible = await api('post', '/api/v1/billing/subscriptions').send({ accountId, name: 'Forfait', frequency: 'monthly', basis: 'flat', startDate: '2026-02-30', lines: [LINE] });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors).toEqual([expect.objectContaining({ field: 'startDate', message: 'doit être une date, comme 2026-04-18' })]);

    const more = await api('patch', `/api/v1/billing/subscriptions/${created.id}`).set('If-Match', `"${created.version}"`).send({ quantity: 14, startDate: '2026-02-01' });
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({ quantity: 14, startDate: '2026-02-01', nextPeriodStart: '2026-02-01' });
    await invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2026-02-10' });
    const invoiced = await api('get', `/api/v1/billing/subscriptions/${created.id}`);
    expect(invoiced.body).toMatchObject({ nextPeriodStart: '2026-03-01', invoicedPeriods: 1 });
    const moved = await api('patch', `/api/v1/billing/subscriptions/${created.id}`).set('If-Match', `"${invoiced.body.version}"`).send({ startDate: '2026-01-01' });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toBe(`L'abonnement n° ${created.number} a déjà des périodes facturées : sa date de début et sa fréquence ne changent plus. Donnez-lui une date de fin et créez-en un nouveau.`);
    const periods = await api('get', `/api/v1/billing/subscriptions/${created.id}/periods`);
    expect(periods.body.items).toEqual([expect.objectContaining({ periodStart: '2026-02-01', periodEnd: '2026-02-28', invoiceNumber: null, invoiceStatus: 'draft', totalIncludingTaxCents: 14 * 4_200 })]);
    const kept = await api('delete', `/api/v1/billing/subscriptions/${created.id}`).set('If-Match', `"${invoiced.body.version}"`);
    expect(kept.status).toBe(409);
    expect(kept.body.detail).toBe(`L'abonnement n° ${created.number} a des périodes facturées : il ne se supprime pas. Désactivez-le ou donnez-lui une date de fin.`);
    expect((await api('patch', `/api/v1/billing/subscriptions/${created.id}`).set('If-Match', `"${invoiced.body.version}"`).send({ active: false })).status).toBe(200);
    const unused = await subscribe({ startDate: '2030-01-01' });
    expect((await api('delete', `/api/v1/billing/subscriptions/${unused.id}`).set('If-Match', `"${unused.version}"`)).status).toBe(204);
  });

  it('catches up a missed run once: every period started since is invoiced once, as drafts of the lines times the machines, and a rerun invoices nothing', async () => {
    const monthly = await subscribe({ startDate: '2026-01-31' });
    const run = await invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2026-05-02' });
    expect(run.failed).toEqual([]);
    expect(run.invoiced.filter((p) => p.subscriptionId === monthly.id).map((p) => `${p.period.start}..${p.period.end}`))
      .toEqual(['2026-01-31..2026-02-27', '2026-02-28..2026-03-30', '2026-03-31..2026-04-29', '2026-04-30..2026-05-30']);
    const invoice = await t.admin('billingInvoices').where({ id: run.invoiced.find((p) => p.subscriptionId === monthly.id)!.invoiceId }).first();
    expect(invoice).toMatchObject({ status: 'draft', number: null, periodStart: '2026-01-31', periodEnd: '2026-02-27', totalExcludingTaxCents: 12 * 3_500, accountId });
    expect(invoice.lines[0]).toMatchObject({ quantity: 12, unitPriceCents: 3_500, description: 'Infogérance poste de travail — période du 31 janv. 2026 au 27 févr. 2026' });
    expect(invoice.notes).toBe(`Abonnement n° ${monthly.number} : Infogérance des postes`);

    // Again, and twice at once: nothing more (the period rows are unique, the subscription's row is locked meanwhile).
    const again = await Promise.all([invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2026-05-02' }), invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2026-05-29' })]);
    expect(again.flatMap((r) => r.invoiced)).toEqual([]);
    expect(await periodsOf(monthly.id)).toHaveLength(4);
    const next = await invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2026-05-31' });
    expect(next.invoiced.map((p) => p.period.start)).toEqual(['2026-05-31']);
    await t.admin('billingSubscriptions').where({ id: monthly.id }).update({ active: false });
  });

  it('issues the invoices of a subscription in issued mode (numbered, its dunning asked for), per user, and stops at its end date', async () => {
    const perUser = await subscribe({ name: 'Support utilisateurs', basis: 'user', quantity: 3, frequency: 'quarterly', startDate: '2026-01-01', endDate: '2026-05-15', mode: 'issued' });
    const run = await invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2026-12-01' });
    const mine = run.invoiced.filter((p) => p.subscriptionId === perUser.id);
    expect(mine.map((p) => [p.period.start, p.period.end])).toEqual([['2026-01-01', '2026-03-31'], ['2026-04-01', '2026-05-14']]);
    expect(mine.every((p) => /^F-2026-\d{5}$/.test(String(p.number)) && p.issueProblem === null)).toBe(true);
    const requests = await t.admin('processStartRequests').where({ tenantId: tenant.tenantId, processKey: INVOICE_DUNNING }).whereIn('businessKey', mine.map((p) => p.invoiceId)).select('businessKey', 'variables');
    expect(requests.map((r) => r.variables)).toEqual(expect.arrayContaining(mine.map((p) => ({ invoiceId: p.invoiceId }))));
    expect((await invoiceDueSubscriptions(t.knex, tenant.tenantId, { today: '2027-12-01' })).invoiced).toEqual([]);
  });

  it('leaves the period\'s invoice a draft, with the reason, when the organisation cannot issue it yet; the period stays invoiced once', async () => {
    const other = await createOwnTenant(t.admin, 'subscriptions-noprofile', ['psa']);
    const [account] = await t.admin('accounts').insert({ tenantId: other.tenantId, number: 1, name: 'Client sans profil' }).returning('id');
    await t.admin('billingSubscriptions').insert({
      tenantId: other.tenantId, number: 1, name: 'Forfait', accountId: account.id, lines: JSON.stringify([{ ...LINE, id: '00000000-0000-4000-8000-000000000001', discountBasisPoints: 0 }]),
      frequency: 'yearly', basis: 'flat', quantity: 1, startDate: '2026-01-01', nextPeriodStart: '2026-01-01', mode: 'issued',
    });
    const run = await invoiceDueSubscriptions(t.knex, other.tenantId, { today: '2026-01-01' });
    expect(run.invoiced).toEqual([expect.objectContaining({ number: null, issueProblem: expect.stringMatching(/^Le profil légal de l'organisation est incomplet/) })]);
    expect(await t.admin('billingInvoices').where({ tenantId: other.tenantId }).select('status')).toEqual([{ status: 'draft' }]);
    expect((await invoiceDueSubscriptions(t.knex, other.tenantId, { today: '2026-06-01' })).invoiced).toEqual([]);
  });

  it('is scheduled every hour on Temporal; a run of its workflow invoices the organisations with a period started, and the next run nothing', async () => {
    const client = await t.deps.temporal();
    const scheduleId = `relais/billing-subscriptions-test-${process.pid}`;
    const handle = client.schedule.getHandle(scheduleId);
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker: Worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      await ensureSubscriptionSchedule(client, TASK_QUEUE, scheduleId);
      await ensureSubscriptionSchedule(client, TASK_QUEUE, scheduleId);
      const described = await handle.describe();
      expect(SUBSCRIPTION_INVOICING_EVERY).toBe('1 hour');
      expect(described.spec.intervals?.[0]?.every).toBe(60 * 60 * 1000);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: SUBSCRIPTION_INVOICING_WORKFLOW, taskQueue: TASK_QUEUE });

      // A subscription of long ago, run for a day of long ago: no other organisation's subscription is due then.
      const old = await subscribe({ startDate: '1999-10-15', frequency: 'monthly', basis: 'site', quantity: 2 });
      const runFor = async (today: string) => (await client.workflow.execute(SUBSCRIPTION_INVOICING_WORKFLOW, {
        taskQueue: TASK_QUEUE, workflowId: `relais/billing-subscriptions-test-${process.pid}-${today}`, args: [{ today }],
      })) as SubscriptionInvoicingResult;
      const first = await runFor('2000-01-01');
      expect(first.tenants).toEqual([{ tenantId: tenant.tenantId, invoiced: 3, issued: 0, leftDraft: 0, failed: 0 }]);
      expect((await periodsOf(old.id)).map((p) => p.periodStart)).toEqual(['1999-10-15', '1999-11-15', '1999-12-15']);
      expect((await runFor('2000-01-14')).tenants).toEqual([]);
    } finally {
      await handle.delete().catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
