import request from 'supertest';
import { createDeploymentProcessActivities } from '../../activities/telecom/deployment-process.activities';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import { createDeployment } from '../../domain/telecom/deployments';
import { OPERATOR_ORDER_COMPLETED } from '../../domain/telecom/operator-orders';
import { createOperatorOrderActivities } from '../../activities/telecom/operator-order.activities';
import { operatorOrder, type OperatorPort } from '../../integrations/operators/operator.port';
import { registerOperatorAdapter } from '../../integrations/operators/operator.registry';
import { signWebhook } from '../../integrations/operators/webhook-signature';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asUser } from '../support/http';
import { startLoopbackVendor, type LoopbackVendor } from '../support/loopback-vendor';

/**
 * « A new operator is one adapter » (spec 002 §9, ADR 0042): this test registers a third operator the code
 * base has never heard of — « Zéphyr Télécom », a loopback server with its own little REST contract — in the
 * adapter registry, and nothing else. A manager connects it through the API, then the deployments' own
 * supplier activity (business code, unchanged) orders a line on a « Mobile / Zéphyr » fleet through the port;
 * Zéphyr's signed webhook tells the engine the order completed, and the deployment's polling applies it.
 */
function zephyrAdapter(operatorKey: string, baseUrl: string, token: string): OperatorPort {
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'X-Zephyr-Token': token, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    return operatorOrder.parse({
      orderId: json.ticket, reference: json.ref, kind: json.what, status: json.done ? 'completed' : 'pending', operatorLineId: json.line ?? null, number: json.msisdn ?? null,
      iccids: [], reason: null, placedAt: '2026-12-05T09:00:00.000Z', completedAt: json.done ? '2026-12-05T10:00:00.000Z' : null,
    });
  };
  const unsupported = () => Promise.reject(new Error('not offered by Zéphyr'));
  return {
    operatorKey, adapter: 'zephyr',
    createLine: (i) => send('POST', '/tickets', { what: 'create-line', ref: i.reference, product: i.productCode, msisdn: i.number }),
    modifyLine: unsupported, changeOptions: unsupported, suspendLine: unsupported, resumeLine: unsupported, orderSim: unsupported,
    terminateLine: (i) => send('POST', '/tickets', { what: 'terminate-line', ref: i.reference, line: i.operatorLineId }),
    getOrder: (id) => send('GET', `/tickets/${id}`),
  };
}

describe('a third operator added as one adapter, no business code touched', () => {
  let ctx: TestContext;
  let tenant: OwnTenant;
  let loop: LoopbackVendor;
  const tickets = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    ctx = testContext();
    tenant = await createOwnTenant(ctx.admin, 'tzephyr');
    loop = await startLoopbackVendor((req) => {
      if (req.headers['x-zephyr-token'] !== 'zephyr-token') return { status: 401, body: {} };
      if (req.method === 'GET') return { status: 200, body: { ...tickets.get(req.path.split('/')[2]!), done: true } };
      const existing = [...tickets.values()].find((t) => t.ref === req.json?.ref);
      if (existing) return { status: 200, body: existing };
      const ticket = { ticket: `Z${tickets.size + 1}`, ref: req.json?.ref, what: req.json?.what, line: 'ZEP-LINE-1', msisdn: req.json?.msisdn, done: false };
      tickets.set(String(ticket.ticket), ticket);
      return { status: 201, body: ticket };
    });
    registerOperatorAdapter({
      adapter: 'zephyr', label: { fr: 'Zéphyr Télécom', en: 'Zephyr Telecom' }, credentialFields: ['token'], defaultBaseUrl: null,
      create: (c) => zephyrAdapter(c.key, c.baseUrl!, c.credentials.token!),
      webhookOrderId: (body) => String((body as { ticket?: string }).ticket ?? '') || null,
      webhookSignatureHeader: 'x-zephyr-signature',
    });
  });
  afterAll(async () => {
    await loop.close();
    await ctx.close();
  });

  it('is connected through the API, orders a line from the deployments\' activity, and its webhook tells the engine', async () => {
    const manager = asUser(ctx.app, (await loginAs(ctx.app, 'manager', tenant.slug)).accessToken);
    const listed = await manager.get('/api/v1/telecom/connections');
    expect(listed.body.adapters).toContainEqual(expect.objectContaining({ kind: 'operator', adapter: 'zephyr', credentialFields: ['token'] }));
    const put = await manager.put('/api/v1/telecom/connections/operator/zephyr', {
      adapter: 'zephyr', label: 'Zéphyr Télécom', baseUrl: loop.url, credentials: { token: 'zephyr-token' }, webhookSecret: 'zephyr-webhook-secret-0123',
    });
    expect(put.status).toBe(200);

    // A « Mobile / Zéphyr » fleet, its plan in the catalogue with Zéphyr's product code, and a line to create.
    const t = tenant.tenantId;
    const [account] = await ctx.admin('accounts').insert({ tenantId: t, number: 4242, name: 'Boulangerie Zéphyr' }).returning('id');
    const [fleet] = await ctx.admin('telecomFleets').insert({ tenantId: t, accountId: account.id, type: 'mobile', operatorKey: 'zephyr', name: 'Mobile / Zéphyr' }).returning('id');
    const [plan] = await ctx.admin('catalogueItems').insert({ tenantId: t, kind: 'plan', code: 'zep-5g', name: 'Zéphyr 5G', unitPriceCents: 1900, purchasePriceCents: 900 }).returning('id');
    await ctx.admin('telecomOffers').insert({ catalogueItemId: plan.id, tenantId: t, fleetType: 'mobile', operatorKey: 'zephyr', operatorProductCode: 'ZEP-5G' });
    const [line] = await ctx.admin('telecomLines').insert({ tenantId: t, number: '+33611223344', accountId: account.id, fleetId: fleet.id, planId: plan.id, status: 'pending', operatorKey: 'zephyr' }).returning('id');
    const deployment = await withTenant({ tenantId: t }, (trx) => createDeployment(
      processContext(trx, t, 'test/zephyr', ['telecom.deployment.create', 'telecom.deployment.read', 'telecom.line.read', 'core.account.read']),
      { accountId: account.id, title: 'Nouvelle ligne Zéphyr', actions: [{ kind: 'create-line', lineId: line.id }] },
    ), ctx.knex);

    const activities = createDeploymentProcessActivities({ knex: ctx.knex });
    const meta = { tenantId: t, workflowId: `${t}/telecom.study-deploy-bill-check/${deployment.id}`, elementId: 'supplier', loopCounter: 0, idempotencyKey: 'k', actorUserId: null };
    const sent = await activities['telecom.deployment.supplier']({ deploymentId: deployment.id }, meta as never);
    expect(sent).toEqual({ done: 0, waitingOrders: ['Z1'] });
    const [call] = loop.calls('POST', '/tickets');
    expect(call!.headers['x-zephyr-token']).toBe('zephyr-token');
    expect(call!.json).toMatchObject({ what: 'create-line', product: 'ZEP-5G', msisdn: '+33611223344' });

    // Zéphyr says the ticket is done: its signed notification reaches the engine, once, correlated on the order id.
    const body = JSON.stringify({ ticket: 'Z1', event: 'done' });
    const hook = await request(ctx.app).post(`/api/v1/telecom/operators/zephyr/webhook?tenant=${tenant.slug}`).set('Content-Type', 'application/json')
      .set('X-Zephyr-Signature', signWebhook(body, 'zephyr-webhook-secret-0123')).send(body);
    expect(hook.body).toEqual({ received: true, outcome: 'notified', orderId: 'Z1' });
    const buffered = await withTenant({ tenantId: t }, (trx) => trx('bufferedMessages').where({ name: OPERATOR_ORDER_COMPLETED, correlationKey: 'Z1' }).first('variables'), ctx.knex);
    expect(buffered.variables.operatorOrder).toMatchObject({ operatorKey: 'zephyr', orderId: 'Z1', status: 'completed', operatorLineId: 'ZEP-LINE-1' });

    // The deployment reads the order through the port and the line goes live with Zéphyr's references.
    expect(await activities['telecom.deployment.poll-order']({ deploymentId: deployment.id, orderId: 'Z1' }, meta as never)).toEqual({ status: 'completed' });
    const live = await withTenant({ tenantId: t }, (trx) => trx('telecomLines').where({ id: line.id }).first('status', 'operatorRefs'), ctx.knex);
    expect(live).toMatchObject({ status: 'active', operatorRefs: { lineId: 'ZEP-LINE-1' } });

    // Polling finds nothing left to tell.
    expect(await createOperatorOrderActivities({ knex: ctx.knex, temporal: ctx.deps.temporal })['telecom.operator-orders.poll']({}, { tenantId: t })).toEqual({ polled: 0, ended: 0, skipped: 0 });
  });
});
