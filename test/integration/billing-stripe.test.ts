import Stripe from 'stripe';
import request from 'supertest';
import { resetEnvCache } from '../../config/env';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackStripe, type LoopbackStripe } from '../support/loopback-stripe';

/**
 * Payments through Stripe Checkout, against a loopback server that speaks Stripe's API, and Stripe's
 * signed notifications through POST /api/v1/webhooks/stripe on real PostgreSQL: a signed paid session
 * records the payment once (whatever Stripe repeats) and tells the invoice's dunning; unsigned, forged
 * or replayed notifications answer 400 and change nothing. Then the sandbox provider's page, end to end.
 */
const LINE = { description: 'Infogérance — forfait mensuel', quantity: 1, unitPriceCents: 100_000, vatRateBasisPoints: 2000 };

describe('billing: Stripe Checkout and its signed webhooks', () => {
  let t: TestContext;
  let loop: LoopbackStripe;
  let tenant: OwnTenant;
  let token: string;
  let accountId: string;
  const api = (method: 'get' | 'post' | 'put', url: string, as = token) => request(t.app)[method](url).set('Authorization', `Bearer ${as}`);
  const issued = async () => {
    const draft = await api('post', '/api/v1/billing/invoices').send({ accountId, lines: [LINE] });
    const res = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
    expect(res.status).toBe(200);
    return res.body as { id: string; number: string };
  };
  const webhook = (body: string, signature?: string, slug = tenant.slug) => {
    const req = request(t.app).post(`/api/v1/webhooks/stripe?tenant=${slug}`).set('Content-Type', 'application/json; charset=utf-8');
    return (signature ? req.set('Stripe-Signature', signature) : req).send(body);
  };
  /** Everything a notification could have changed, to compare before and after. */
  const state = async (invoiceId: string) => ({
    invoice: await t.admin('billingInvoices').where({ id: invoiceId }).first('status', 'paidCents', 'amountDueCents', 'version'),
    payments: await t.admin('billingPayments').where({ invoiceId }).select('amountCents', 'externalId', 'source', 'method'),
    events: Number((await t.admin('billingWebhookEvents').where({ tenantId: tenant.tenantId }).count('* as n').first())!.n),
    messages: Number((await t.admin('bufferedMessages').where({ tenantId: tenant.tenantId, correlationKey: invoiceId }).count('* as n').first())!.n),
  });
  const linkFor = async (invoiceId: string) => {
    const res = await api('post', `/api/v1/billing/invoices/${invoiceId}/payment-link`);
    expect(res.status).toBe(200);
    return res.body as { sessionId: string; url: string; amountCents: number; provider: string };
  };

  beforeAll(async () => {
    loop = await startLoopbackStripe();
    process.env.STRIPE_API_BASE_URL = loop.url;
    resetEnvCache();
    t = testContext({ publicUrl: 'https://relais.example.test' });
    tenant = await createOwnTenant(t.admin, 'billing-stripe');
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    const { accessToken: manager } = await loginAs(t.app, 'manager', tenant.slug);
    accountId = (await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${manager}`).send({ ...BUYER, email: 'compta@boulangerie.example' })).body.id;
    expect((await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    const settings = await api('put', '/api/v1/billing/integrations').send({
      paymentsProvider: 'stripe', stripeSecretKey: loop.secretKey, stripeWebhookSecret: loop.webhookSecret, accountingProvider: 'none',
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    delete process.env.STRIPE_API_BASE_URL;
    resetEnvCache();
    await loop.close();
    await t.close();
  });

  it('keeps the Stripe secrets sealed at rest and answers only that they are set, with the address to give Stripe', async () => {
    const row = await t.admin('billingIntegrationSettings').where({ tenantId: tenant.tenantId }).first();
    expect(row.stripeSecretKeySealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(loop.secretKey);
    expect(JSON.stringify(row)).not.toContain(loop.webhookSecret);
    const res = await api('get', '/api/v1/billing/integrations');
    expect(res.body).toEqual({
      paymentsProvider: 'stripe', stripeSecretKeySet: true, stripeWebhookSecretSet: true, stripeAccountId: null,
      stripeWebhookUrl: `https://relais.example.test/api/v1/webhooks/stripe?tenant=${tenant.slug}`, accountingProvider: 'none', pennylaneApiTokenSet: false, version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    // A key that is not a Stripe key is refused by name, in French, and nothing changes.
    const bad = await api('put', '/api/v1/billing/integrations').send({ paymentsProvider: 'stripe', stripeSecretKey: 'pk_test_123456789', accountingProvider: 'none' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'stripeSecretKey', message: expect.stringContaining('clé secrète Stripe') })]);
    expect((await api('get', '/api/v1/billing/integrations')).body.version).toBe(1);
    // Only the roles granted billing.settings may read them.
    const { accessToken: sales } = await loginAs(t.app, 'sales', tenant.slug);
    expect((await api('get', '/api/v1/billing/integrations', sales)).status).toBe(403);
  });

  it('asks Stripe for a Checkout Session of what the invoice owes: form-encoded, bearer secret key, idempotency key, our ids in metadata', async () => {
    const invoice = await issued();
    const before = loop.creations().length;
    const link = await linkFor(invoice.id);
    expect(link).toMatchObject({ provider: 'stripe', amountCents: 120_000, url: `https://checkout.stripe.com/c/pay/${link.sessionId}` });
    const [call] = loop.creations().slice(before);
    expect(call!.headers.authorization).toBe(`Bearer ${loop.secretKey}`);
    expect(call!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call!.headers['idempotency-key']).toBe(`relais-checkout/${invoice.id}/120000`);
    expect(call!.headers['stripe-version']).toBe(Stripe.API_VERSION);
    expect(call!.headers['user-agent']).toMatch(/^Stripe\/v1 NodeBindings\//);
    expect(Object.fromEntries(call!.form)).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '120000',
      'line_items[0][price_data][product_data][name]': `Facture ${invoice.number}`,
      customer_email: 'compta@boulangerie.example',
      client_reference_id: invoice.id,
      'metadata[tenantId]': tenant.tenantId,
      'metadata[invoiceId]': invoice.id,
      'metadata[invoiceNumber]': invoice.number,
      'payment_intent_data[metadata][tenantId]': tenant.tenantId,
      'payment_intent_data[metadata][invoiceId]': invoice.id,
      'payment_intent_data[metadata][invoiceNumber]': invoice.number,
      'payment_intent_data[description]': `Facture ${invoice.number}`,
      success_url: `https://relais.example.test/billing/invoices/${invoice.id}?paid=1`,
      cancel_url: `https://relais.example.test/billing/invoices/${invoice.id}`,
      locale: 'fr',
    });
    // Asked again for the same amount: the same session (Stripe replays the first answer), one link on the invoice.
    expect((await linkFor(invoice.id)).sessionId).toBe(link.sessionId);
    expect(loop.sessions.size).toBe(1);
    expect((await t.admin('billingInvoices').where({ id: invoice.id }).first('paymentUrl')).paymentUrl).toBe(link.url);
  });

  it('answers Stripe\'s refusals as a clear 422 and keeps the invoice as it was', async () => {
    const invoice = await issued();
    loop.failNextCreations(1, 401, 'invalid_request_error');
    const wrongKey = await api('post', `/api/v1/billing/invoices/${invoice.id}/payment-link`);
    expect(wrongKey.status).toBe(422);
    expect(wrongKey.body.detail).toMatch(/^Stripe refuse les identifiants de l'organisation : vérifiez la clé dans les réglages de facturation/);
    loop.failNextCreations(1, 400, 'invalid_request_error');
    const res = await api('post', `/api/v1/billing/invoices/${invoice.id}/payment-link`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/^Stripe a refusé la demande/);
    expect((await t.admin('billingInvoices').where({ id: invoice.id }).first('paymentUrl')).paymentUrl).toBeNull();
  });

  it('records a signed paid session as one payment on its invoice, tells its dunning, and the same event again changes nothing', async () => {
    const invoice = await issued();
    const link = await linkFor(invoice.id);
    const paid = loop.paidEvent(link.sessionId);
    const res = await webhook(paid.body, paid.signature);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'payment-recorded' });
    const after = await state(invoice.id);
    expect(after.invoice).toMatchObject({ status: 'paid', paidCents: 120_000, amountDueCents: 0 });
    expect(after.payments).toEqual([{ amountCents: 120_000, externalId: `stripe:${link.sessionId}`, source: 'stripe', method: 'card' }]);
    // Nobody waits for the message in this test (no worker runs the dunning): it is kept for the instance.
    expect(await t.admin('bufferedMessages').where({ tenantId: tenant.tenantId, correlationKey: invoice.id }).select('name')).toEqual([{ name: 'billing.invoice-paid' }]);

    const again = await webhook(paid.body, paid.signature);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('duplicate-event');
    // Another event of the same session (async payment succeeded): still one payment.
    const second = loop.paidEvent(link.sessionId, { type: 'checkout.session.async_payment_succeeded' });
    expect((await webhook(second.body, second.signature)).body.outcome).toBe('already-recorded');
    const final = await state(invoice.id);
    expect(final.payments).toHaveLength(1);
    expect(final.invoice).toEqual(after.invoice);
  });

  it('refuses an unsigned or forged notification with 400 and changes nothing', async () => {
    const invoice = await issued();
    const link = await linkFor(invoice.id);
    const paid = loop.paidEvent(link.sessionId);
    const before = await state(invoice.id);

    const unsigned = await webhook(paid.body);
    expect(unsigned.status).toBe(400);
    expect(unsigned.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unsigned.body.detail).toBe('Cette notification Stripe n\'est pas signée (en-tête Stripe-Signature absent) : elle est refusée et rien n\'a changé.');

    const wrongSecret = Stripe.webhooks.generateTestHeaderString({ payload: paid.body, secret: 'whsec_not_the_organisations' });
    const forged = await webhook(paid.body, wrongSecret);
    expect(forged.status).toBe(400);
    expect(forged.body.detail).toMatch(/^La signature de cette notification Stripe ne correspond pas/);

    // The body changed after Stripe signed it (the amount), with the signature kept.
    const tampered = await webhook(paid.body.replace('"amount_total": 120000', '"amount_total": 1'), paid.signature);
    expect(tampered.status).toBe(400);
    // An address naming no organisation.
    expect((await webhook(paid.body, paid.signature, 'no-such-organisation')).status).toBe(400);

    expect(await state(invoice.id)).toEqual(before);
    // The genuine notification still goes through afterwards.
    expect((await webhook(paid.body, paid.signature)).body.outcome).toBe('payment-recorded');
  });

  it('refuses a replayed notification (signed more than 5 minutes ago) with 400 and changes nothing', async () => {
    const invoice = await issued();
    const link = await linkFor(invoice.id);
    const old = loop.paidEvent(link.sessionId, { at: Math.floor(Date.now() / 1000) - 600 });
    const before = await state(invoice.id);
    const res = await webhook(old.body, old.signature);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/signée depuis plus de 5 minutes/);
    expect(await state(invoice.id)).toEqual(before);
  });

  it('leaves the invoice alone for a session completed without payment yet, or belonging to another organisation', async () => {
    const invoice = await issued();
    const link = await linkFor(invoice.id);
    const pending = loop.paidEvent(link.sessionId, { paymentStatus: 'unpaid' });
    expect((await webhook(pending.body, pending.signature)).body.outcome).toBe('awaiting-payment');
    const session = loop.sessions.get(link.sessionId)!;
    loop.sessions.set(link.sessionId, { ...session, metadata: { ...(session.metadata as object), tenantId: '00000000-0000-4000-8000-000000000000' } });
    const foreign = loop.paidEvent(link.sessionId);
    expect((await webhook(foreign.body, foreign.signature)).body.outcome).toBe('ignored-other-organisation');
    expect((await state(invoice.id)).payments).toEqual([]);
  });
});

describe('billing: the sandbox payment provider', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let invoiceId: string;

  beforeAll(async () => {
    t = testContext({ publicUrl: 'https://relais.example.test' });
    tenant = await createOwnTenant(t.admin, 'billing-sandbox-pay');
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    const { accessToken: manager } = await loginAs(t.app, 'manager', tenant.slug);
    const accountId = (await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${manager}`).send(BUYER)).body.id;
    await request(t.app).put('/api/v1/billing/profile').set('Authorization', `Bearer ${token}`).send(COMPLETE_PROFILE);
    const draft = await request(t.app).post('/api/v1/billing/invoices').set('Authorization', `Bearer ${token}`).send({ accountId, lines: [LINE] });
    await request(t.app).post(`/api/v1/billing/invoices/${draft.body.id}/issue`).set('Authorization', `Bearer ${token}`);
    invoiceId = draft.body.id;
  });
  afterAll(() => t.close());

  it('links an invoice to the sandbox\'s payment page; paying there records the payment through the signed-notification path, once', async () => {
    const link = await request(t.app).post(`/api/v1/billing/invoices/${invoiceId}/payment-link`).set('Authorization', `Bearer ${token}`);
    expect(link.status).toBe(200);
    expect(link.body.provider).toBe('sandbox');
    const url = new URL(link.body.url);
    expect(url.origin + url.pathname).toBe('https://relais.example.test/api/v1/webhooks/stripe/sandbox-checkout');
    const pagePath = `${url.pathname}${url.search}`;
    const page = await request(t.app).get(pagePath);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Payer 1\s200,00\s€/u);
    const paid = await request(t.app).post(pagePath).type('form').send({});
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Paiement reçu');
    expect(await t.admin('billingInvoices').where({ id: invoiceId }).first('status', 'amountDueCents')).toEqual({ status: 'paid', amountDueCents: 0 });
    expect((await request(t.app).post(pagePath).type('form').send({})).text).toContain('Paiement reçu');
    expect(Number((await t.admin('billingPayments').where({ invoiceId }).count('* as n').first())!.n)).toBe(1);
    // A page whose session was not sealed by this organisation does not exist.
    expect((await request(t.app).get(pagePath.replace(/session=cs_sandbox_./, 'session=cs_sandbox_X'))).status).toBe(404);
  });
});
