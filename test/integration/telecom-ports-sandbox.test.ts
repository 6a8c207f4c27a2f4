import knexFactory, { type Knex } from 'knex';
import { telecomPorts } from '../../activities/telecom/ports';
import { knexConfig } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import { createSecretBox } from '../../domain/core/secret-box';
import { OPERATOR_ORDER_COMPLETED, pendingOrders, settleOrder } from '../../domain/telecom/operator-orders';
import { PortRetryableError } from '../../integrations/port-errors';
import { refusal } from '../support/port-refusal';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The sandbox operator and billing system behind the ports (ADR 0042), on real PostgreSQL: state kept in
 * the tenant's tables, orders that complete later, the operator's usual refusals (nothing written), one
 * order per reference, outages retryable, supplier invoice lines, and an order's end told to the engine once.
 */
const box = createSecretBox('telecom-ports-sandbox-test-secret-key-0123456789');
const noTemporal = async () => { throw new Error('no instance waits: Temporal is not called'); };

describe('telecom ports: the sandbox operator and billing system', () => {
  let knex: Knex;
  let admin: Knex;
  let tenant: OwnTenant;
  const ports = () => telecomPorts({ knex, box });
  const count = (table: string) => withTenant({ tenantId: tenant.tenantId }, async (trx) => Number((await trx(table).count({ n: '*' }))[0]!.n), knex);
  const connect = (key: string, settings: Record<string, unknown>, kind = 'operator') => admin('integrationConnections')
    .insert({ tenantId: tenant.tenantId, kind, key, adapter: 'sandbox', label: `Sandbox ${key}`, settings: JSON.stringify(settings) });

  beforeAll(async () => {
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 3));
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    tenant = await createOwnTenant(admin, 'tports');
    for (const key of ['snaic', 'slowtel', 'downtel']) {
      await admin('telecomSandboxProducts').insert([
        { tenantId: tenant.tenantId, operatorKey: key, code: 'MOB-20GO', kind: 'plan', label: 'Mobile 20 Go', monthlyCents: 650 },
        { tenantId: tenant.tenantId, operatorKey: key, code: 'MOB-100GO', kind: 'plan', label: 'Mobile 100 Go', monthlyCents: 1100 },
        { tenantId: tenant.tenantId, operatorKey: key, code: 'OPT-ROAM', kind: 'option', label: 'Roaming Europe', monthlyCents: 200 },
      ]);
    }
    await connect('slowtel', { completionDelaySeconds: 3600 });
    await connect('downtel', { unavailable: true });
  });
  afterAll(async () => {
    await knex.destroy();
    await admin.destroy();
  });

  it('refuses an unknown product code in French and English, and places nothing', async () => {
    const snaic = await ports().operator(tenant.tenantId, 'snaic');
    const error = await refusal(snaic.createLine({ reference: 'ref-unknown', productCode: 'MOB-NOPE' }));
    expect(error.code).toBe('unknown-product');
    expect(error.reason.fr).toBe('Code produit inconnu de l’opérateur : MOB-NOPE.');
    expect(error.reason.en).toBe('The operator knows no product code MOB-NOPE.');
    expect(await count('telecomSandboxOrders')).toBe(0);
    expect(await count('telecomOperatorOrders')).toBe(0);
  });

  it('creates a line later, once per reference; then modifies, suspends and terminates it; a terminated line refuses more', async () => {
    const snaic = await ports().operator(tenant.tenantId, 'snaic');
    const placed = await snaic.createLine({ reference: 'dep-1/create', productCode: 'MOB-20GO', optionCodes: ['OPT-ROAM'], number: '+33612345678' });
    expect(placed).toMatchObject({ status: 'pending', kind: 'create-line', number: '+33612345678', completedAt: null });
    expect(placed.operatorLineId).toMatch(/^SNAIC-\d{10}$/);
    expect(placed.iccids[0]).toMatch(/^8933\d{15}$/);
    // The same reference again (an answer lost, the activity retried): the same order, no second line.
    expect((await snaic.createLine({ reference: 'dep-1/create', productCode: 'MOB-20GO', number: '+33612345678' })).orderId).toBe(placed.orderId);

    const done = await snaic.getOrder(placed.orderId);
    expect(done).toMatchObject({ orderId: placed.orderId, status: 'completed' });
    const line = placed.operatorLineId!;
    expect(await withTenant({ tenantId: tenant.tenantId }, (trx) => trx('telecomSandboxLines').where({ operatorKey: 'snaic', id: line }).first(), knex))
      .toMatchObject({ status: 'active', productCode: 'MOB-20GO', optionCodes: ['OPT-ROAM'], number: '+33612345678', iccid: placed.iccids[0] });
    expect(await withTenant({ tenantId: tenant.tenantId }, (trx) => trx('telecomSandboxSims').where({ operatorKey: 'snaic' }).select('status', 'lineId'), knex))
      .toEqual([{ status: 'delivered', lineId: line }]);

    // The number is in service: a second line with it is refused.
    expect((await refusal(snaic.createLine({ reference: 'dep-2/create', productCode: 'MOB-20GO', number: '+33612345678' }))).code).toBe('number-in-service');

    await snaic.modifyLine({ reference: 'dep-1/plan', operatorLineId: line, productCode: 'MOB-100GO' });
    expect((await refusal(snaic.modifyLine({ reference: 'dep-1/plan-bad', operatorLineId: line, productCode: 'MOB-NOPE' }))).code).toBe('unknown-product');
    await snaic.suspendLine({ reference: 'dep-1/suspend', operatorLineId: line });
    const invoice = await snaic.listInvoiceLines!(new Date().toISOString().slice(0, 7));
    expect(invoice.map((l) => [l.operatorLineId, l.productCode, l.amountCents])).toEqual([[line, 'MOB-100GO', 1100], [line, 'OPT-ROAM', 200]]);

    const ended = await snaic.terminateLine({ reference: 'dep-1/terminate', operatorLineId: line, on: '2030-01-31' });
    expect((await snaic.getOrder(ended.orderId)).status).toBe('completed');
    const terminated = await refusal(snaic.modifyLine({ reference: 'dep-1/plan-after', operatorLineId: line, productCode: 'MOB-20GO' }));
    expect(terminated.code).toBe('line-terminated');
    expect(terminated.reason.fr).toBe(`La ligne ${line} est déjà résiliée.`);
    expect((await refusal(snaic.terminateLine({ reference: 'dep-1/terminate-again', operatorLineId: line }))).code).toBe('line-terminated');
    expect((await refusal(snaic.orderSim({ reference: 'sim-x', quantity: 51 }))).code).toBe('too-many-sims');
    expect((await refusal(snaic.listInvoiceLines!('2026-13'))).code).toBe('bad-period');
  });

  it('keeps an order pending for the configured delay: another order on the line waits for it', async () => {
    const slow = await ports().operator(tenant.tenantId, 'slowtel');
    const placed = await slow.createLine({ reference: 'slow-1', productCode: 'MOB-20GO' });
    expect((await slow.getOrder(placed.orderId)).status).toBe('pending');
    expect(placed.number).toMatch(/^\+337\d{8}$/);
    // The line does not exist at the operator until the order completes.
    expect((await refusal(slow.suspendLine({ reference: 'slow-1/suspend', operatorLineId: placed.operatorLineId! }))).code).toBe('unknown-line');
    // Time passes at the operator.
    await admin('telecomSandboxOrders').where({ id: placed.orderId }).update({ dueAt: admin.raw("now() - interval '1 second'") });
    expect((await slow.getOrder(placed.orderId)).status).toBe('completed');
    const sims = await slow.orderSim({ reference: 'slow-1/sim', operatorLineId: placed.operatorLineId, quantity: 1 });
    expect(sims.status).toBe('pending');
    expect((await refusal(slow.changeOptions({ reference: 'slow-1/opt', operatorLineId: placed.operatorLineId!, add: ['OPT-ROAM'] }))).code).toBe('order-in-progress');
  });

  it('refuses a portability later, at completion, with the donor operator\'s reason', async () => {
    const snaic = await ports().operator(tenant.tenantId, 'snaic');
    const placed = await snaic.createLine({ reference: 'port-1', productCode: 'MOB-20GO', number: '+33698760000', rio: '01P1234X0000' });
    expect(placed.status).toBe('pending');
    expect(await snaic.getOrder(placed.orderId)).toMatchObject({ status: 'refused', reason: { fr: 'Portabilité refusée par l’opérateur donneur : RIO invalide.' } });
  });

  it('answers an outage as retryable', async () => {
    const down = await ports().operator(tenant.tenantId, 'downtel');
    await expect(down.createLine({ reference: 'down-1', productCode: 'MOB-20GO' })).rejects.toBeInstanceOf(PortRetryableError);
  });

  it('tells the engine once when a tracked order ended (buffered while no instance waits)', async () => {
    const snaic = await ports().operator(tenant.tenantId, 'snaic');
    const placed = await snaic.createLine({ reference: 'msg-1', productCode: 'MOB-20GO' });
    const pending = await withTenant({ tenantId: tenant.tenantId }, (trx) => pendingOrders(trx), knex);
    expect(pending).toContainEqual({ operatorKey: 'snaic', orderId: placed.orderId });
    const now = await snaic.getOrder(placed.orderId);
    expect(await settleOrder(knex, noTemporal, tenant.tenantId, 'snaic', now)).toEqual({ ended: true, notified: true, delivered: false });
    expect(await settleOrder(knex, noTemporal, tenant.tenantId, 'snaic', now)).toEqual({ ended: true, notified: false, delivered: false });
    const buffered = await withTenant({ tenantId: tenant.tenantId }, (trx) => trx('bufferedMessages').where({ name: OPERATOR_ORDER_COMPLETED, correlationKey: placed.orderId }), knex);
    expect(buffered).toHaveLength(1);
    expect(buffered[0]!.variables).toMatchObject({ operatorOrder: { operatorKey: 'snaic', orderId: placed.orderId, status: 'completed', reference: 'msg-1' } });
  });

  it('bills services once per reference, refuses what a billing system refuses, and lists the month', async () => {
    const cfast = await ports().billingSystem(tenant.tenantId, 'cfast');
    const service = await cfast.createService({ reference: 'bill-1', customerRef: 'BP-0042', productCode: 'MOB-20GO', label: 'Mobile 20 Go', monthlyPriceCents: 1490, startOn: '2030-01-01', lineNumber: '+33612345678' });
    expect(service).toMatchObject({ kind: 'subscription', status: 'active' });
    expect((await cfast.createService({ reference: 'bill-1', customerRef: 'BP-0042', productCode: 'MOB-20GO', label: 'Mobile 20 Go', monthlyPriceCents: 1490, startOn: '2030-01-01' })).serviceId).toBe(service.serviceId);
    const option = await cfast.addOption({ reference: 'bill-2', serviceId: service.serviceId, productCode: 'OPT-ROAM', label: 'Roaming', monthlyPriceCents: 500, on: '2030-01-01' });
    await cfast.addOneOffFee({ reference: 'bill-3', customerRef: 'BP-0042', label: 'Frais de mise en service', amountCents: 3000, on: '2030-01-05' });
    expect((await refusal(cfast.cancelService({ reference: 'bill-4', serviceId: service.serviceId, on: '2029-12-31' }))).code).toBe('cancel-before-start');
    expect((await refusal(cfast.changeSubscription({ reference: 'bill-5', serviceId: option.serviceId, productCode: 'X', label: 'X', monthlyPriceCents: 1, on: '2030-01-02' }))).code).toBe('not-a-subscription');
    await cfast.cancelService({ reference: 'bill-6', serviceId: service.serviceId, on: '2030-01-31' });
    expect((await refusal(cfast.cancelService({ reference: 'bill-7', serviceId: service.serviceId, on: '2030-02-01' }))).code).toBe('service-cancelled');
    const january = await cfast.listBilledServices('2030-01');
    expect(january.map((s) => [s.kind, s.status, s.amountCents])).toEqual([['subscription', 'cancelled', 1490], ['option', 'cancelled', 500], ['one-off', 'recorded', 3000]]);
    expect(await cfast.listBilledServices('2030-02')).toEqual([]);
    await expect(ports().billingSystem(tenant.tenantId, 'pennylane')).rejects.toMatchObject({ code: 'through-accounting' });
  });
});
