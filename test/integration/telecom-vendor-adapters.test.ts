import { telecomPorts } from '../../activities/telecom/ports';
import { withTenant } from '../../db/tenant-scope';
import { createCfastAdapter } from '../../integrations/billing-systems/cfast.adapter';
import { createAlphalinkAdapter } from '../../integrations/operators/alphalink.adapter';
import { createSnaicAdapter } from '../../integrations/operators/snaic.adapter';
import { signWebhook } from '../../integrations/operators/webhook-signature';
import { PortRetryableError } from '../../integrations/port-errors';
import { loginAs, testContext, type TestContext } from '../support/api';
import { refusal } from '../support/port-refusal';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asUser } from '../support/http';
import { startLoopbackVendor, type LoopbackVendor, type ReceivedRequest } from '../support/loopback-vendor';
import request from 'supertest';

/**
 * The vendors' adapters at their HTTP wire protocol (ADR 0042: SNAIC, Alphalink and CFAST modelled where
 * nothing is public), each against a loopback server: what was really sent (auth header, body, idempotency),
 * how answers map to the port (pending, completed, refused with a French reason, retryable), then a tenant's
 * connection resolving to the SNAIC adapter with its sealed credentials, and SNAIC's signed webhook.
 */
/** SNAIC as modelled: orders kept by Idempotency-Key, completed when read, offer codes known. */
function snaicServer(): Promise<LoopbackVendor> {
  const orders = new Map<string, Record<string, unknown>>();
  let next = 1;
  return startLoopbackVendor((req: ReceivedRequest) => {
    if (req.headers.authorization !== 'Bearer snaic-token-123') return { status: 401, body: { code: 'UNAUTHORIZED', message: 'bad token' } };
    if (req.method === 'GET' && req.path.startsWith('/orders/')) {
      const order = [...orders.values()].find((o) => o.id === req.path.slice('/orders/'.length));
      return order ? { status: 200, body: { ...order, status: 'DONE', closedAt: '2026-12-05T10:00:00Z' } } : { status: 404, body: { code: 'NOT_FOUND', message: 'unknown order' } };
    }
    if (req.method === 'GET' && req.path === '/invoices') {
      return { status: 200, body: { invoices: [{ number: 'SN-2026-12', lines: [{ lineId: 'L-1', msisdn: '+33612345678', offerCode: 'MOB-20GO', label: 'Mobile 20 Go', from: '2026-12-01', to: '2026-12-31', quantity: 1, amountExclTax: '6.5' }] }] } };
    }
    if (req.json?.offerCode === 'BAD') return { status: 422, body: { code: 'UNKNOWN_OFFER', message: 'Unknown offer code BAD' } };
    const key = String(req.headers['idempotency-key']);
    if (!orders.has(key)) {
      const type = req.path === '/lines' ? 'LINE_CREATION' : req.path.endsWith('/termination') ? 'TERMINATION' : 'OFFER_CHANGE';
      orders.set(key, { id: `SN-ORD-${next++}`, externalRef: req.json?.externalRef, type, status: 'PENDING', lineId: req.path === '/lines' ? 'L-1' : req.path.split('/')[2], msisdn: req.json?.msisdn ?? null, iccids: [], createdAt: '2026-12-05T09:00:00Z' });
    }
    return { status: 202, body: orders.get(key) };
  });
}

describe('SNAIC adapter (modelled REST contract) against a loopback server', () => {
  let loop: LoopbackVendor;
  const waits: number[] = [];
  const snaic = () => createSnaicAdapter('snaic', { apiToken: 'snaic-token-123', baseUrl: loop.url, sleep: async (ms) => { waits.push(ms); } });
  beforeEach(async () => { loop = await snaicServer(); waits.length = 0; });
  afterEach(() => loop.close());

  it('orders a line with its bearer token, our reference as Idempotency-Key; the same reference again is the same order', async () => {
    const order = await snaic().createLine({ reference: 'act-1', productCode: 'MOB-20GO', optionCodes: ['OPT-ROAM'], number: '+33612345678', rio: '01P1234X5678' });
    expect(order).toMatchObject({ orderId: 'SN-ORD-1', reference: 'act-1', kind: 'create-line', status: 'pending', operatorLineId: 'L-1', number: '+33612345678' });
    const [sent] = loop.calls('POST', '/lines');
    expect(sent!.headers.authorization).toBe('Bearer snaic-token-123');
    expect(sent!.headers['idempotency-key']).toBe('act-1');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.json).toEqual({ externalRef: 'act-1', offerCode: 'MOB-20GO', options: ['OPT-ROAM'], msisdn: '+33612345678', rio: '01P1234X5678', iccid: null });
    expect((await snaic().createLine({ reference: 'act-1', productCode: 'MOB-20GO' })).orderId).toBe('SN-ORD-1');
    expect(loop.calls('POST', '/lines').map((r) => r.headers['idempotency-key'])).toEqual(['act-1', 'act-1']);
    expect(await snaic().getOrder('SN-ORD-1')).toMatchObject({ status: 'completed', completedAt: '2026-12-05T10:00:00Z' });
    await snaic().terminateLine({ reference: 'act-2', operatorLineId: 'L-1', on: '2026-12-31' });
    expect(loop.calls('POST', '/lines/L-1/termination')[0]!.json).toEqual({ externalRef: 'act-2', date: '2026-12-31' });
  });

  it('refuses with SNAIC\'s words in French and English; a bad token is a configuration refusal', async () => {
    const error = await refusal(snaic().modifyLine({ reference: 'act-3', operatorLineId: 'L-1', productCode: 'BAD' }));
    expect(error).toMatchObject({ code: 'UNKNOWN_OFFER', status: 422, reason: { fr: 'SNAIC refuse : Unknown offer code BAD', en: 'SNAIC refuses: Unknown offer code BAD' } });
    const denied = await refusal(createSnaicAdapter('snaic', { apiToken: 'wrong', baseUrl: loop.url }).getOrder('SN-ORD-1'));
    expect(denied.code).toBe('misconfigured');
    expect(denied.reason.fr).toMatch(/^SNAIC refuse nos identifiants \(401\)/);
  });

  it('waits out throttling and outages, then answers; still failing, it is retryable', async () => {
    loop.failNext({ status: 503 }, { status: 429, retryAfter: '2' });
    expect((await snaic().createLine({ reference: 'act-4', productCode: 'MOB-20GO' })).status).toBe('pending');
    expect(waits).toEqual([500, 2000]);
    loop.failNext({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    await expect(snaic().getOrder('SN-ORD-1')).rejects.toBeInstanceOf(PortRetryableError);
  });

  it('reads the supplier invoice lines of a month, amounts to the cent', async () => {
    expect(await snaic().listInvoiceLines!('2026-12')).toEqual([{
      invoiceRef: 'SN-2026-12', operatorLineId: 'L-1', number: '+33612345678', productCode: 'MOB-20GO', label: 'Mobile 20 Go', periodStart: '2026-12-01', periodEnd: '2026-12-31', quantity: 1, amountCents: 650,
    }]);
    expect(loop.calls('GET', '/invoices')[0]!.query.get('period')).toBe('2026-12');
  });
});

describe('Alphalink adapter (modelled REST contract) against a loopback server', () => {
  let loop: LoopbackVendor;
  const byReference = new Map<string, Record<string, unknown>>();
  beforeEach(async () => {
    byReference.clear();
    loop = await startLoopbackVendor((req) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('softwhere:pa55word').toString('base64')}`) return { status: 401, body: { error: 'invalid_client' } };
      if (req.method === 'GET') {
        const order = [...byReference.values()].find((o) => `/orders/${o.id}` === req.path);
        return { status: 200, body: order };
      }
      if (req.json?.product === 'FTTH-UNKNOWN') return { status: 422, body: { error: 'unknown_product', error_description: 'Produit inconnu FTTH-UNKNOWN' } };
      const reference = String(req.json?.customer_reference);
      const existing = byReference.get(reference);
      if (existing) return { status: 409, body: { error: 'duplicate_reference', order_id: existing.id } };
      const order = { id: 9000 + byReference.size, type: req.json?.type, customer_reference: reference, state: req.json?.number === '+33299000000' ? 'rejected' : 'in_progress', service_id: 'ALK-0991000000001', number: req.json?.number ?? null, sims: [], reject_reason: req.json?.number === '+33299000000' ? 'Numéro non portable' : null, created_at: '2026-12-05T09:00:00Z' };
      byReference.set(reference, order);
      return { status: 201, body: order };
    });
  });
  afterEach(() => loop.close());
  const alphalink = () => createAlphalinkAdapter('alphalink', { login: 'softwhere', password: 'pa55word', baseUrl: loop.url, sleep: async () => undefined });

  it('orders with Basic auth and our customer_reference; a second order with it reads the first (409) instead of placing another', async () => {
    const order = await alphalink().createLine({ reference: 'act-10', productCode: 'FTTH-1G', number: '+33299112233' });
    expect(order).toMatchObject({ orderId: '9000', kind: 'create-line', status: 'pending', operatorLineId: 'ALK-0991000000001' });
    const [sent] = loop.calls('POST', '/orders');
    expect(sent!.headers.authorization).toBe(`Basic ${Buffer.from('softwhere:pa55word').toString('base64')}`);
    expect(sent!.json).toEqual({ type: 'access.create', customer_reference: 'act-10', product: 'FTTH-1G', options_add: [], number: '+33299112233', rio: null });
    const again = await alphalink().createLine({ reference: 'act-10', productCode: 'FTTH-1G', number: '+33299112233' });
    expect(again.orderId).toBe('9000');
    expect(byReference.size).toBe(1);
    expect(loop.calls('GET', '/orders/9000')).toHaveLength(1);
    await alphalink().suspendLine({ reference: 'act-11', operatorLineId: 'ALK-0991000000001' });
    expect(loop.calls('POST', '/orders')[2]!.json).toEqual({ type: 'access.suspend', customer_reference: 'act-11', service_id: 'ALK-0991000000001' });
  });

  it('maps a rejected order and a refused product to French reasons', async () => {
    expect(await alphalink().createLine({ reference: 'act-12', productCode: 'FTTH-1G', number: '+33299000000' }))
      .toMatchObject({ status: 'refused', reason: { fr: 'Alphalink refuse : Numéro non portable' } });
    expect((await refusal(alphalink().createLine({ reference: 'act-13', productCode: 'FTTH-UNKNOWN' }))).reason.fr).toBe('Alphalink refuse : Produit inconnu FTTH-UNKNOWN');
  });
});

describe('CFAST adapter (modelled REST contract) against a loopback server', () => {
  let loop: LoopbackVendor;
  const seen = new Map<string, Record<string, unknown>>();
  beforeEach(async () => {
    seen.clear();
    loop = await startLoopbackVendor((req) => {
      if (req.headers.authorization !== 'Token cfast-key') return { status: 403, body: { code: 'forbidden', message: 'no' } };
      if (req.method === 'GET') {
        const page = req.query.get('page');
        return page === '1'
          ? { status: 200, body: { items: [{ id: 'S1', parent_id: null, billing_point: 'BP 42', kind: 'subscription', product: 'MOB-20GO', label: 'Mobile', price_ht: '14.90', quantity: 1, status: 'terminated', start_date: '2026-11-01', end_date: '2026-12-15', number: '+33612345678', operator_line_id: 'L-1' }], next_page: 2 } }
          : { status: 200, body: { items: [{ id: 'C1', parent_id: null, billing_point: 'BP 42', kind: 'hardware', product: 'SIM', label: 'Carte SIM', price_ht: '5.00', quantity: 3, status: 'billed', start_date: '2026-12-02', end_date: null, number: null, operator_line_id: null }], next_page: null } };
      }
      if (req.path.endsWith('/termination') && req.json?.date === '2020-01-01') return { status: 422, body: { code: 'date_before_start', message: 'Date de résiliation antérieure au début du service' } };
      const key = String(req.headers['idempotency-key']);
      if (!seen.has(key)) seen.set(key, { id: `S${seen.size + 1}`, kind: req.path.endsWith('/options') ? 'option' : req.path.endsWith('/charges') ? req.json?.type : 'subscription', status: req.path.endsWith('/termination') ? 'terminated' : req.path.endsWith('/charges') ? 'billed' : 'active' });
      return { status: 201, body: seen.get(key) };
    });
  });
  afterEach(() => loop.close());
  const cfast = () => createCfastAdapter('cfast', { apiKey: 'cfast-key', baseUrl: loop.url, sleep: async () => undefined });

  it('creates a service on the billing point with its token, the reference as Idempotency-Key and euros as decimals; once per reference', async () => {
    const service = await cfast().createService({ reference: 'act-20', customerRef: 'BP 42', productCode: 'MOB-20GO', label: 'Mobile 20 Go', monthlyPriceCents: 1490, startOn: '2026-12-01', lineNumber: '+33612345678' });
    expect(service).toEqual({ serviceId: 'S1', kind: 'subscription', status: 'active' });
    const [sent] = loop.calls('POST', '/billing-points/BP%2042/services');
    expect(sent!.headers.authorization).toBe('Token cfast-key');
    expect(sent!.headers['idempotency-key']).toBe('act-20');
    expect(sent!.json).toEqual({ product: 'MOB-20GO', label: 'Mobile 20 Go', price_ht: '14.90', quantity: 1, start_date: '2026-12-01', number: '+33612345678', operator_line_id: null });
    expect((await cfast().createService({ reference: 'act-20', customerRef: 'BP 42', productCode: 'MOB-20GO', label: 'Mobile 20 Go', monthlyPriceCents: 1490, startOn: '2026-12-01' })).serviceId).toBe('S1');
    expect(await cfast().addHardware({ reference: 'act-21', customerRef: 'BP 42', productCode: 'SIM', label: 'Carte SIM', unitPriceCents: 500, quantity: 3, on: '2026-12-02' }))
      .toEqual({ serviceId: 'S2', kind: 'hardware', status: 'recorded' });
    expect(loop.calls('POST', '/billing-points/BP%2042/charges')[0]!.json).toEqual({ type: 'hardware', service_id: null, product: 'SIM', label: 'Carte SIM', unit_price_ht: '5.00', quantity: 3, date: '2026-12-02' });
    expect(await cfast().cancelService({ reference: 'act-22', serviceId: 'S1', on: '2026-12-15' })).toEqual({ serviceId: 'S3', kind: 'subscription', status: 'cancelled' });
    expect((await refusal(cfast().cancelService({ reference: 'act-23', serviceId: 'S1', on: '2020-01-01' }))).reason.fr).toBe('CFAST refuse : Date de résiliation antérieure au début du service');
  });

  it('lists the billed services of a month across pages', async () => {
    const billed = await cfast().listBilledServices('2026-12');
    expect(billed.map((s) => [s.serviceId, s.kind, s.status, s.amountCents, s.cancelledOn])).toEqual([['S1', 'subscription', 'cancelled', 1490, '2026-12-15'], ['C1', 'hardware', 'recorded', 1500, null]]);
    expect(loop.calls('GET', '/billed-services').map((r) => r.query.get('page'))).toEqual(['1', '2']);
  });
});

describe('a tenant\'s SNAIC connection: sealed credentials resolved to the adapter, and its signed webhook', () => {
  let ctx: TestContext;
  let tenant: OwnTenant;
  let loop: LoopbackVendor;
  beforeAll(async () => {
    ctx = testContext();
    tenant = await createOwnTenant(ctx.admin, 'tvendor');
    loop = await snaicServer();
  });
  afterAll(async () => {
    await loop.close();
    await ctx.close();
  });

  it('stores the token sealed, never answers it, and calls SNAIC with it; SNAIC\'s webhook (X-Snaic-Signature) tells the order\'s end', async () => {
    const manager = asUser(ctx.app, (await loginAs(ctx.app, 'manager', tenant.slug)).accessToken);
    const missing = await manager.put('/api/v1/telecom/connections/operator/snaic', { adapter: 'snaic', label: 'SNAIC', baseUrl: loop.url });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'credentials.apiToken', message: 'est obligatoire pour l’adaptateur snaic' }));
    const put = await manager.put('/api/v1/telecom/connections/operator/snaic', {
      adapter: 'snaic', label: 'SNAIC', baseUrl: loop.url, credentials: { apiToken: 'snaic-token-123' }, webhookSecret: 'snaic-webhook-secret-0123',
    });
    expect(put.status).toBe(200);
    expect(put.body.credentialsSet).toEqual(['apiToken']);
    expect(JSON.stringify(put.body)).not.toContain('snaic-token-123');
    const row = await withTenant({ tenantId: tenant.tenantId }, (trx) => trx('integrationConnections').where({ key: 'snaic' }).first(), ctx.knex);
    expect(row.credentialsSealed).toMatch(/^v1\./);
    expect(row.credentialsSealed).not.toContain('snaic-token-123');
    // Relabelled without credentials: the sealed token is kept.
    expect((await manager.put('/api/v1/telecom/connections/operator/snaic', { adapter: 'snaic', label: 'SNAIC mobile', baseUrl: loop.url }, '"1"')).body.credentialsSet).toEqual(['apiToken']);

    const port = await telecomPorts({ knex: ctx.knex, sleep: async () => undefined }).operator(tenant.tenantId, 'snaic');
    expect(port.adapter).toBe('snaic');
    const order = await port.createLine({ reference: 'conn-1', productCode: 'MOB-20GO' });
    expect(loop.requests.at(-1)!.headers.authorization).toBe('Bearer snaic-token-123');

    const body = JSON.stringify({ event: 'order.updated', order: { id: order.orderId, status: 'DONE' } });
    const url = `/api/v1/telecom/operators/snaic/webhook?tenant=${tenant.slug}`;
    const post = (header: string, signature: string) => request(ctx.app).post(url).set('Content-Type', 'application/json').set(header, signature).send(body);
    expect((await post('X-Signature', signWebhook(body, 'snaic-webhook-secret-0123'))).status).toBe(401);
    const ok = await post('X-Snaic-Signature', signWebhook(body, 'snaic-webhook-secret-0123'));
    expect(ok.body).toEqual({ received: true, outcome: 'notified', orderId: order.orderId });
    expect(loop.calls('GET', `/orders/${order.orderId}`)).toHaveLength(1);
  });
});
