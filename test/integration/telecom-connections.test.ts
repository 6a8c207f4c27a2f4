import request from 'supertest';
import { telecomPorts } from '../../activities/telecom/ports';
import { withTenant } from '../../db/tenant-scope';
import { OPERATOR_ORDER_COMPLETED } from '../../domain/telecom/operator-orders';
import { signWebhook } from '../../integrations/operators/webhook-signature';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asUser } from '../support/http';

/**
 * Per-tenant connections to operators and billing systems (ADR 0042) and the operators' webhook, through
 * the real API on real PostgreSQL: secrets sealed at rest and never answered, « voir API » vs administering,
 * bad input refused in French with nothing written, another tenant's connections invisible; a webhook with
 * a bad signature refused (401) with nothing changed, an unknown tenant or operator 404, a signed one makes
 * the order read through the port and its end reach the engine once.
 */
const SECRET = 'whsec-telecom-test-0123456789abcdef';

describe('telecom connections and the operators\' webhook', () => {
  let ctx: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let manager: ReturnType<typeof asUser>;

  beforeAll(async () => {
    ctx = testContext();
    tenant = await createOwnTenant(ctx.admin, 'tconn');
    other = await createOwnTenant(ctx.admin, 'tconn-other');
    manager = asUser(ctx.app, (await loginAs(ctx.app, 'manager', tenant.slug)).accessToken);
    await ctx.admin('telecomSandboxProducts').insert({ tenantId: tenant.tenantId, operatorKey: 'snaic', code: 'MOB-20GO', kind: 'plan', label: 'Mobile 20 Go', monthlyCents: 650 });
  });
  afterAll(() => ctx.close());

  const rows = (slug: OwnTenant) => withTenant({ tenantId: slug.tenantId }, (trx) => trx('integrationConnections').select('*'), ctx.knex);

  it('configures a connection: the webhook secret sealed at rest, never answered; support N2 sees it, support N1 does not', async () => {
    const put = await manager.put('/api/v1/telecom/connections/operator/snaic', { adapter: 'sandbox', label: 'SNAIC (bac à sable)', webhookSecret: SECRET, settings: { latencyMs: 0 } });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe('"1"');
    expect(put.body).toMatchObject({ kind: 'operator', key: 'snaic', adapter: 'sandbox', webhookSecretSet: true, credentialsSet: [], active: true, version: 1 });
    expect(put.body.webhookUrl).toMatch(new RegExp(`/api/v1/telecom/operators/snaic/webhook\\?tenant=${tenant.slug}$`));
    expect(JSON.stringify(put.body)).not.toContain(SECRET);
    const [row] = await rows(tenant);
    expect(row!.webhookSecretSealed).toMatch(/^v1\./);
    expect(row!.webhookSecretSealed).not.toContain(SECRET);

    const n2 = asUser(ctx.app, (await loginAs(ctx.app, 'support-n2', tenant.slug)).accessToken);
    const listed = await n2.get('/api/v1/telecom/connections');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { key: string }) => c.key)).toEqual(['snaic']);
    expect(listed.body.adapters).toContainEqual(expect.objectContaining({ kind: 'operator', adapter: 'sandbox' }));
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    const n2Put = await n2.put('/api/v1/telecom/connections/operator/snaic', { adapter: 'sandbox', label: 'x' });
    expect(n2Put.status).toBe(403);
    expect(n2Put.body.detail).toMatch(/^Vous ne pouvez pas configurer/);

    const n1 = asUser(ctx.app, (await loginAs(ctx.app, 'support-n1', tenant.slug)).accessToken);
    expect((await n1.get('/api/v1/telecom/connections')).status).toBe(403);

    const otherManager = asUser(ctx.app, (await loginAs(ctx.app, 'manager', other.slug)).accessToken);
    expect((await otherManager.get('/api/v1/telecom/connections')).body.items).toEqual([]);
  });

  it('the demo shows SoftWhere\'s operators and billing system wired to the sandbox', async () => {
    const demo = asUser(ctx.app, (await loginAs(ctx.app, 'manager', 'softwhere')).accessToken);
    const listed = (await demo.get('/api/v1/telecom/connections')).body.items as Array<{ kind: string; key: string; adapter: string }>;
    expect(listed.map((c) => [c.kind, c.key, c.adapter])).toEqual([['billing-system', 'cfast', 'sandbox'], ['operator', 'alphalink', 'sandbox'], ['operator', 'snaic', 'sandbox']]);
  });

  it('refuses bad input in French and writes nothing', async () => {
    const before = await rows(tenant);
    const cases: Array<[string, unknown, number, string]> = [
      ['/api/v1/telecom/connections/carrier/snaic', { adapter: 'sandbox', label: 'x' }, 400, 'kind'],
      ['/api/v1/telecom/connections/operator/SNAIC!', { adapter: 'sandbox', label: 'x' }, 400, 'key'],
      ['/api/v1/telecom/connections/operator/orange', { adapter: 'nope', label: 'Orange' }, 400, 'adapter'],
      ['/api/v1/telecom/connections/operator/orange', { adapter: 'sandbox', label: 'Orange', baseUrl: 'http://api.example.com' }, 400, 'baseUrl'],
      ['/api/v1/telecom/connections/operator/orange', { adapter: 'sandbox', label: 'Orange', credentials: { apiKey: 'k' } }, 400, 'credentials.apiKey'],
      ['/api/v1/telecom/connections/operator/orange', { adapter: 'sandbox', label: '' }, 400, 'label'],
    ];
    for (const [url, body, status, field] of cases) {
      const res = await manager.put(url, body);
      expect([url, res.status]).toEqual([url, status]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.detail).toMatch(/^[A-ZÀ-Ü]/);
    }
    expect((await manager.put('/api/v1/telecom/connections/operator/snaic', { adapter: 'sandbox', label: 'x' }, '"7"')).status).toBe(412);
    expect(await rows(tenant)).toEqual(before);
  });

  it('webhook: a bad signature is refused and changes nothing; unknown tenant or operator 404; a signed one tells the engine once', async () => {
    const port = await telecomPorts({ knex: ctx.knex }).operator(tenant.tenantId, 'snaic');
    const order = await port.createLine({ reference: 'wh-1', productCode: 'MOB-20GO' });
    const body = JSON.stringify({ event: 'order.completed', orderId: order.orderId });
    const url = `/api/v1/telecom/operators/snaic/webhook?tenant=${tenant.slug}`;
    const post = (path: string, signature?: string) => {
      const r = request(ctx.app).post(path).set('Content-Type', 'application/json');
      return (signature ? r.set('X-Signature', signature) : r).send(body);
    };
    const state = () => withTenant({ tenantId: tenant.tenantId }, async (trx) => ({
      order: await trx('telecomOperatorOrders').where({ orderId: order.orderId }).first('status', 'notifiedAt'),
      messages: await trx('bufferedMessages').where({ name: OPERATOR_ORDER_COMPLETED, correlationKey: order.orderId }).count({ n: '*' }),
    }), ctx.knex);
    const before = await state();
    expect(before.order).toEqual({ status: 'pending', notifiedAt: null });

    const forged = await post(url, signWebhook(body, 'not-the-secret-0123456789'));
    expect(forged.status).toBe(401);
    expect(forged.body.detail).toBe('La signature de cette notification ne correspond pas au secret de la connexion : elle est refusée et rien n’a changé.');
    expect((await post(url)).status).toBe(401);
    expect((await post(`/api/v1/telecom/operators/snaic/webhook?tenant=no-such-tenant`, signWebhook(body, SECRET))).status).toBe(404);
    expect((await post(`/api/v1/telecom/operators/alphalink/webhook?tenant=${tenant.slug}`, signWebhook(body, SECRET))).status).toBe(404);
    expect(await state()).toEqual(before);

    const signed = await post(url, signWebhook(body, SECRET));
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ received: true, outcome: 'notified', orderId: order.orderId });
    const after = await state();
    expect(after.order.status).toBe('completed');
    expect(after.order.notifiedAt).not.toBeNull();
    expect(Number(after.messages[0]!.n)).toBe(1);
    expect((await post(url, signWebhook(body, SECRET))).body.outcome).toBe('already-notified');
    expect(Number((await state()).messages[0]!.n)).toBe(1);
  });
});
