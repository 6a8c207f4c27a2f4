import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { createAccountingSyncActivities } from '../../activities/billing/accounting-sync.activities';
import type { AccountingDocument } from '../../integrations/accounting/accounting.port';
import { createPennylaneAccountingAdapter } from '../../integrations/accounting/pennylane.adapter';
import { billingAccountingSync } from '../../workflows/billing/accounting-sync.workflow';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackPennylane, type LoopbackPennylane } from '../support/loopback-pennylane';
import { spawnWorker } from '../support/worker-process';

/**
 * The accounting port's Pennylane adapter against a loopback server that speaks Pennylane's Company API
 * v2 (bearer token, JSON, 409 on a second import of one reference), then the accounting sync's
 * activities and workflow on real PostgreSQL: issued documents pushed once however often the sync runs
 * or loses an answer, throttling and outages retried, refusals not, payments Pennylane reports recorded once.
 */
const PDF = Buffer.from('%PDF-1.7\n% a test file\n%%EOF\n');

function document(overrides: Partial<AccountingDocument> = {}): AccountingDocument {
  return {
    kind: 'invoice', reference: '6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f', number: 'F-2026-00042', issueDate: '2026-03-02', dueDate: '2026-04-01', currency: 'EUR',
    totalExcludingTaxCents: 150_000, totalTaxCents: 27_750, totalIncludingTaxCents: 177_750,
    lines: [
      { label: 'Infogérance — forfait mensuel', quantity: 1, unit: 'MON', vatRateBasisPoints: 2000, lineExcludingTaxCents: 100_000, lineTaxCents: 20_000 },
      { label: 'Intervention sur site', quantity: 2.5, unit: 'HUR', vatRateBasisPoints: 2000, lineExcludingTaxCents: 25_000, lineTaxCents: 5_000 },
      { label: 'Rénovation énergétique', quantity: 1, unit: 'C62', vatRateBasisPoints: 1000, lineExcludingTaxCents: 25_000, lineTaxCents: 2_500 },
      { label: 'Livre', quantity: 1, unit: 'C62', vatRateBasisPoints: 550, lineExcludingTaxCents: 0, lineTaxCents: 250 },
    ],
    customer: {
      reference: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d', name: 'SARL Boulangerie Exemple', siren: '552100554', vatNumber: null, email: 'compta@boulangerie.example',
      addressLine1: '3 place de la Mairie', postalCode: '56100', city: 'Lorient', country: 'FR', language: 'fr',
    },
    creditedNumber: null, pdf: PDF, filename: 'F-2026-00042.pdf',
    ...overrides,
  };
}

describe('accounting port: Pennylane at its REST protocol (loopback)', () => {
  let loop: LoopbackPennylane;
  const waits: number[] = [];
  const adapter = () => createPennylaneAccountingAdapter({ apiToken: loop.apiToken, apiBaseUrl: loop.url, sleep: async (ms) => { waits.push(ms); } });

  beforeEach(async () => {
    loop = await startLoopbackPennylane();
    waits.length = 0;
  });
  afterEach(() => loop.close());

  it('imports an invoice with our number, its PDF and its customer (bearer token, JSON); pushed again, it stays one', async () => {
    const first = await adapter().push(document());
    expect(first).toMatchObject({ ok: true, created: true });
    const [imported] = loop.calls('POST', '/customer_invoices/import');
    expect(imported!.headers.authorization).toBe(`Bearer ${loop.apiToken}`);
    expect(imported!.headers['content-type']).toBe('application/json');
    expect(imported!.json).toEqual({
      file_attachment_id: loop.files[0]!.id, import_as_incomplete: false, date: '2026-03-02', deadline: '2026-04-01', customer_id: loop.customers[0]!.id,
      invoice_number: 'F-2026-00042', currency: 'EUR', currency_amount_before_tax: '1500.00', currency_tax: '277.50', currency_amount: '1777.50',
      external_reference: '6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f',
      invoice_lines: [
        { label: 'Infogérance — forfait mensuel', quantity: 1, unit: 'month', raw_currency_unit_price: '1000.00', vat_rate: 'FR_200', currency_amount: '1200.00', currency_tax: '200.00' },
        { label: 'Intervention sur site', quantity: 2.5, unit: 'hour', raw_currency_unit_price: '100.00', vat_rate: 'FR_200', currency_amount: '300.00', currency_tax: '50.00' },
        { label: 'Rénovation énergétique', quantity: 1, unit: 'piece', raw_currency_unit_price: '250.00', vat_rate: 'FR_100', currency_amount: '275.00', currency_tax: '25.00' },
        { label: 'Livre', quantity: 1, unit: 'piece', raw_currency_unit_price: '0.00', vat_rate: 'FR_55', currency_amount: '2.50', currency_tax: '2.50' },
      ],
    });
    expect(loop.customers).toEqual([expect.objectContaining({
      name: 'SARL Boulangerie Exemple', reg_no: '552100554', emails: ['compta@boulangerie.example'], external_reference: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
      billing_address: { address: '3 place de la Mairie', postal_code: '56100', city: 'Lorient', country_alpha2: 'FR' }, billing_language: 'fr_FR',
    })]);
    expect(loop.files).toEqual([expect.objectContaining({ filename: 'F-2026-00042.pdf', startsWithPdf: true })]);

    const again = await adapter().push(document());
    expect(again).toEqual({ ok: true, externalId: String(loop.invoices[0]!.id), customerExternalId: null, created: false });
    expect(loop.calls('POST', '/customer_invoices/import')).toHaveLength(1);
    expect(loop.invoices).toHaveLength(1);
    expect(loop.customers).toHaveLength(1);
  });

  it('imports a credit note as negative amounts linked to the invoice it corrects, reusing its customer', async () => {
    await adapter().push(document());
    const credit = await adapter().push(document({ kind: 'credit-note', reference: '7e2d3b4f-2e3c-4d6e-9fa0-1b2c3d4e5f60', number: 'AV-2026-00003', creditedNumber: 'F-2026-00042', filename: 'AV-2026-00003.pdf' }));
    expect(credit).toMatchObject({ ok: true, created: true });
    const body = loop.calls('POST', '/customer_invoices/import')[1]!.json!;
    expect(body).toMatchObject({ invoice_number: 'AV-2026-00003', currency_amount: '-1777.50', currency_tax: '-277.50', credited_invoice_id: loop.invoices[0]!.id });
    expect(loop.customers).toHaveLength(1);
  });

  it('waits what Retry-After says on a 429 and tries again; retries a 5xx after a pause; never retries a 4xx', async () => {
    loop.failNext({ status: 429, retryAfter: '2' });
    expect(await adapter().push(document())).toMatchObject({ ok: true, created: true });
    expect(waits).toEqual([2000]);
    expect(loop.calls('GET', '/customer_invoices')).toHaveLength(2);

    waits.length = 0;
    loop.failNext({ status: 503 }, { status: 502 });
    expect(await adapter().push(document({ reference: '8f3e4c50-3f4d-4e7f-8ab1-2c3d4e5f6071', number: 'F-2026-00043' }))).toMatchObject({ ok: true, created: true });
    expect(waits).toEqual([500, 1000]);

    waits.length = 0;
    const before = loop.requests.length;
    loop.failNext({ status: 422 });
    const refused = await adapter().push(document({ reference: '9a4f5d61-4a5e-4f80-9bc2-3d4e5f607182', number: 'F-2026-00044' }));
    expect(refused).toMatchObject({ ok: false, reason: 'rejected', retryable: false, status: 422 });
    expect(loop.requests.length - before).toBe(1);
    expect(waits).toEqual([]);

    const wrongToken = await createPennylaneAccountingAdapter({ apiToken: 'not-the-token', apiBaseUrl: loop.url }).push(document());
    expect(wrongToken).toMatchObject({ ok: false, reason: 'misconfigured', retryable: false, status: 401 });
  });

  it('gives up after its attempts on a provider still away, as a failure worth retrying later', async () => {
    loop.failNext({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    expect(await adapter().push(document())).toMatchObject({ ok: false, reason: 'unavailable', retryable: true, status: 500 });
    expect(waits).toEqual([500, 1000, 2000]);
    expect(loop.invoices).toHaveLength(0);
  });

  it('reads payment states from the change log since the cursor it answered', async () => {
    await adapter().push(document());
    const first = await adapter().pullPaymentStates(null);
    expect(first).toMatchObject({ ok: true, states: [expect.objectContaining({ reference: document().reference, paid: false, remainingCents: 177_750, totalCents: 177_750 })] });
    loop.markPaid('F-2026-00042', 77_750);
    const second = await adapter().pullPaymentStates(first.ok ? first.cursor : null);
    expect(second).toMatchObject({ ok: true, states: [expect.objectContaining({ number: 'F-2026-00042', paid: false, remainingCents: 77_750 })] });
    expect(loop.calls('GET', '/changelogs/customer_invoices').at(-1)!.query.get('start_date')).toBe(first.ok ? first.cursor : '');
  });
});

describe('accounting sync: issued documents to Pennylane and payments back, on PostgreSQL', () => {
  let t: TestContext;
  let loop: LoopbackPennylane;
  let tenant: OwnTenant;
  let token: string;
  let accountId: string;
  const workers: ChildProcess[] = [];
  const api = (method: 'get' | 'post' | 'put', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
  const activities = () => createAccountingSyncActivities({ knex: t.knex, temporal: t.deps.temporal, pennylaneApiBaseUrl: loop.url });
  const issue = async (unitPriceCents: number) => {
    const draft = await api('post', '/api/v1/billing/invoices').send({ accountId, lines: [{ description: 'Audit de sécurité', quantity: 1, unitPriceCents, vatRateBasisPoints: 2000 }] });
    const res = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
    expect(res.status).toBe(200);
    return res.body as { id: string; number: string };
  };

  beforeAll(async () => {
    loop = await startLoopbackPennylane();
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'billing-pennylane');
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    const { accessToken: manager } = await loginAs(t.app, 'manager', tenant.slug);
    accountId = (await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${manager}`).send(BUYER)).body.id;
    expect((await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    const settings = await api('put', '/api/v1/billing/integrations').send({ paymentsProvider: 'sandbox', accountingProvider: 'pennylane', pennylaneApiToken: loop.apiToken });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ accountingProvider: 'pennylane', pennylaneApiTokenSet: true });
    expect(JSON.stringify(await t.admin('billingIntegrationSettings').where({ tenantId: tenant.tenantId }).first())).not.toContain(loop.apiToken);
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await loop.close();
    await t.close();
  });

  it('pushes each issued invoice once with its rendered PDF, and a push whose answer was lost does not make a second copy', async () => {
    const invoice = await issue(100_000);
    const sync = activities();
    expect(await sync['billing.accounting.push']({ tenantId: tenant.tenantId })).toMatchObject({ provider: 'pennylane', pushed: 1, alreadyThere: 0, failed: 0 });
    expect(loop.invoices).toEqual([expect.objectContaining({ invoice_number: invoice.number, external_reference: invoice.id, currency_amount: '1200.00' })]);
    expect(loop.files[0]).toMatchObject({ filename: `${invoice.number}.pdf`, startsWithPdf: true });
    expect(loop.customers).toEqual([expect.objectContaining({ external_reference: accountId, reg_no: BUYER.siren })]);
    const pushed = await t.admin('billingAccountingPushes').where({ tenantId: tenant.tenantId, documentId: invoice.id }).first();
    expect(pushed).toMatchObject({ provider: 'pennylane', documentType: 'invoice', status: 'pushed', externalId: String(loop.invoices[0]!.id), attempts: 1 });

    // The next run has nothing to push.
    const imports = loop.calls('POST', '/customer_invoices/import').length;
    expect(await sync['billing.accounting.push']({ tenantId: tenant.tenantId })).toMatchObject({ pushed: 0, alreadyThere: 0, failed: 0 });
    expect(loop.calls('POST', '/customer_invoices/import')).toHaveLength(imports);
    // As if the worker died after Pennylane imported it and before we kept the answer: found there, not imported again.
    await t.admin('billingAccountingPushes').where({ tenantId: tenant.tenantId, documentId: invoice.id }).delete();
    expect(await sync['billing.accounting.push']({ tenantId: tenant.tenantId })).toMatchObject({ pushed: 0, alreadyThere: 1 });
    expect(loop.invoices).toHaveLength(1);
  });

  it('keeps a refused push with its reason and count; the next run pushes the document', async () => {
    const invoice = await issue(50_000);
    loop.failNext({ status: 422 });
    const refused = await activities()['billing.accounting.push']({ tenantId: tenant.tenantId });
    expect(refused).toMatchObject({ pushed: 0, failed: 1 });
    expect(await t.admin('billingAccountingPushes').where({ documentId: invoice.id }).first()).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^rejected: Pennylane answered 422/) });
    expect(await activities()['billing.accounting.push']({ tenantId: tenant.tenantId })).toMatchObject({ pushed: 1, failed: 0 });
    expect(await t.admin('billingAccountingPushes').where({ documentId: invoice.id }).first()).toMatchObject({ status: 'pushed', attempts: 2, lastError: null });
  });

  it('records what Pennylane says was paid as one payment, once, and tells the invoice\'s dunning', async () => {
    const invoice = await issue(30_000);
    await activities()['billing.accounting.push']({ tenantId: tenant.tenantId });
    await activities()['billing.accounting.pull']({ tenantId: tenant.tenantId });
    loop.markPaid(invoice.number, 0);
    const pulled = await activities()['billing.accounting.pull']({ tenantId: tenant.tenantId });
    expect(pulled).toMatchObject({ provider: 'pennylane', paymentsRecorded: 1, refused: 0 });
    const pennylaneId = loop.invoices.find((i) => i.invoice_number === invoice.number)!.id;
    expect(await t.admin('billingPayments').where({ invoiceId: invoice.id }).select('amountCents', 'source', 'method', 'externalId'))
      .toEqual([{ amountCents: 36_000, source: 'accounting', method: 'transfer', externalId: `pennylane:${pennylaneId}:remaining-0` }]);
    expect(await t.admin('billingInvoices').where({ id: invoice.id }).first('status', 'amountDueCents')).toEqual({ status: 'paid', amountDueCents: 0 });
    expect(await t.admin('bufferedMessages').where({ tenantId: tenant.tenantId, correlationKey: invoice.id }).select('name')).toEqual([{ name: 'billing.invoice-paid' }]);
    const cursor = await t.admin('billingAccountingCursors').where({ tenantId: tenant.tenantId, provider: 'pennylane' }).first('cursor');
    expect(cursor.cursor).toEqual(expect.any(String));

    // The same change read again (a cursor moved back): nothing more.
    await t.admin('billingAccountingCursors').where({ tenantId: tenant.tenantId }).update({ cursor: null });
    expect(await activities()['billing.accounting.pull']({ tenantId: tenant.tenantId })).toMatchObject({ paymentsRecorded: 0 });
    expect(Number((await t.admin('billingPayments').where({ invoiceId: invoice.id }).count('* as n').first())!.n)).toBe(1);
  });

  it('runs as the workflow the schedule starts, in the worker, for every organisation with an accounting software', async () => {
    const queue = `${TASK_QUEUE}-billing-accounting`;
    workers.push(await spawnWorker({ TEMPORAL_TASK_QUEUE: queue, PENNYLANE_API_BASE_URL: loop.url }));
    const invoice = await issue(20_000);
    const client = await t.deps.temporal();
    const runs = await client.workflow.execute(billingAccountingSync, { workflowId: `relais/billing-accounting-sync-test-${Date.now()}`, taskQueue: queue, args: [] });
    const ours = runs.find((r) => r.tenantId === tenant.tenantId);
    expect(ours).toMatchObject({ push: { provider: 'pennylane', pushed: 1, failed: 0 }, pull: { provider: 'pennylane' }, errors: [] });
    expect(loop.invoices.filter((i) => i.external_reference === invoice.id)).toHaveLength(1);
  });
});
