import { NativeConnection, type Worker } from '@temporalio/worker';
import { pollPendingOrders } from '../../activities/telecom/operator-orders';
import { engineWorker } from '../support/engine';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { bulkApi, seedLineFleet, type LineFleet } from '../support/telecom-lines';

/**
 * Bulk « Suspendre / Réactiver chez l'opérateur » (ADR 0047) on real PostgreSQL and Temporal, the operator being
 * the sandbox adapter behind the operator port: each line with an operator id gets one order (the bulk item's key as
 * its reference), the operator's refusals are per-line « refusé » with its reason, the line takes its status when the
 * operator confirms (a poll here), a re-run places nothing twice, and an outage ends failed until « relancer ».
 */
const QUEUE = `${TASK_QUEUE}-telecom-bulk-operator`;

describe('telecom: bulk actions through the operator port', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let fleet: LineFleet;
  /** The operator's ids of the fleet's lines (`SNAIC-B-1`…), the 9th unknown to the operator, the 10th terminated there. */
  const operatorIds = Array.from({ length: 10 }, (_, i) => `SNAIC-B-${i + 1}`);

  const { api, report, ended } = bulkApi(() => t.app, () => token);
  const sandboxStatus = async () => Object.fromEntries((await t.admin('telecomSandboxLines').where({ tenantId: tenant.tenantId, operatorKey: 'snaic' }).select('id', 'status')).map((r) => [r.id, r.status]));
  const relaisStatus = async (ids: string[]) => (await t.admin('telecomLines').whereIn('id', ids).select('id', 'status')).reduce<Record<string, string>>((all, r) => ({ ...all, [r.id]: r.status }), {});
  const ordersByReference = async () => t.admin('telecomSandboxOrders').where({ tenantId: tenant.tenantId }).groupBy('reference', 'kind').select('reference', 'kind').count<Array<{ reference: string; kind: string; count: string }>>('* as count');
  const poll = () => pollPendingOrders({ knex: t.knex, temporal: t.deps.temporal }, tenant.tenantId);

  beforeAll(async () => {
    t = testContext({ taskQueue: QUEUE });
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    tenant = await createOwnTenant(t.admin, 'telecom-bulk-operator', ['telecom']);
    token = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    // Eleven lines: ten with an operator id (SNAIC), the last without one (changed in Relais only).
    fleet = await seedLineFleet(t.admin, tenant.tenantId, 11);
    for (const [i, id] of operatorIds.entries()) await t.admin('telecomLines').where({ id: fleet.lineIds[i] }).update({ operatorRefs: JSON.stringify({ lineId: id }) });
    await t.admin('telecomSandboxLines').insert(operatorIds.filter((_, i) => i !== 8).map((id, i) => ({
      tenantId: tenant.tenantId, operatorKey: 'snaic', id, number: `+3361000000${i}`, productCode: 'MOB-20GO', status: id === 'SNAIC-B-10' ? 'terminated' : 'active', activatedOn: '2026-01-05',
    })));
    worker = await engineWorker(connection, QUEUE, t.knex);
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await connection?.close();
    await t?.close();
  });

  it('suspends at the operator line by line, reports its refusals with its reason, moves the lines when it confirms, and a re-run orders nothing more', async () => {
    const started = await api('post', '/api/v1/telecom/bulk').send({ action: 'suspend', lineIds: fleet.lineIds, params: {} });
    expect(started.status).toBe(202);
    const run = await ended(started.body.id);
    expect(run).toMatchObject({ status: 'completed', total: 11, done: 9, refused: 2, failed: 0 });
    const items = (await report(started.body.id, '?limit=20')).items as Array<{ lineId: string; outcome: string; reason: string | null }>;
    expect(items[8]).toMatchObject({ lineId: fleet.lineIds[8], outcome: 'refused', reason: 'Ligne inconnue de l’opérateur : SNAIC-B-9.' });
    expect(items[9]).toMatchObject({ lineId: fleet.lineIds[9], outcome: 'refused', reason: 'La ligne SNAIC-B-10 est déjà résiliée.' });
    expect(items[10]).toMatchObject({ outcome: 'done', reason: 'Ligne sans identifiant opérateur : changée dans Relais seulement' });
    expect(items.slice(0, 8).every((i) => i.outcome === 'done' && /en attente de sa confirmation/.test(i.reason ?? ''))).toBe(true);
    // Ordered, not yet confirmed: the lines with an operator id keep their status in Relais until the operator confirms.
    expect(Object.values(await relaisStatus(fleet.lineIds.slice(0, 8)))).toEqual(Array(8).fill('active'));
    expect((await relaisStatus([fleet.lineIds[10]!]))[fleet.lineIds[10]!]).toBe('suspended');
    // The lines list says which lines have an order waiting for the operator.
    const pendingKinds = async () => Object.fromEntries(((await api('get', `/api/v1/telecom/lines?accountId=${fleet.accountId}&limit=50`)).body.items as Array<{ id: string; pendingOrderKind: string | null }>)
      .map((l) => [l.id, l.pendingOrderKind]));
    const listed = await pendingKinds();
    expect(fleet.lineIds.map((id) => listed[id])).toEqual([...Array(8).fill('suspend-line'), null, null, null]);
    // One order per line the operator accepted, its reference the bulk item's key.
    const orders = await ordersByReference();
    expect(orders.map((o) => [o.reference, o.kind, Number(o.count)]).sort()).toEqual(Array.from({ length: 8 }, (_, i) => [`bulk/${started.body.id}/${i + 1}`, 'suspend-line', 1]).sort());

    // The operator's confirmations come back (a poll, as the webhook would): the lines are suspended there and in Relais.
    expect(await poll()).toMatchObject({ polled: 8, ended: 8 });
    const sandbox = await sandboxStatus();
    expect(operatorIds.slice(0, 8).map((id) => sandbox[id])).toEqual(Array(8).fill('suspended'));
    expect(Object.values(await relaisStatus(fleet.lineIds.slice(0, 8)))).toEqual(Array(8).fill('suspended'));
    expect(Object.values(await pendingKinds()).every((kind) => kind === null)).toBe(true);
    expect((await report(started.body.id, '?outcome=done&limit=1')).items[0].reason).toBe('Fait chez l’opérateur');
    // The line's timeline credits the manager who started the bulk.
    const history = await t.admin('history').where({ tenantId: tenant.tenantId, recordType: 'telecom-line', recordId: fleet.lineIds[0] }).select('actorUserId');
    expect(history.map((h) => h.actorUserId)).toEqual([tenant.userIds.manager]);

    // The same bulk again: every line already suspended is done with no order, the operator's refusals again.
    const again = await api('post', '/api/v1/telecom/bulk').send({ action: 'suspend', lineIds: fleet.lineIds, params: {} });
    expect(await ended(again.body.id)).toMatchObject({ status: 'completed', done: 9, refused: 2 });
    expect(await ordersByReference()).toHaveLength(8);
  });

  it('an operator outage ends the lines failed; « relancer » once it is back orders each line once and resumes them', async () => {
    const lines = fleet.lineIds.slice(0, 2);
    const [outage] = await t.admin('integrationConnections').insert({
      tenantId: tenant.tenantId, kind: 'operator', key: 'snaic', adapter: 'sandbox', label: 'Sandbox SNAIC', settings: JSON.stringify({ unavailable: true }),
    }).returning('id');
    let id: string;
    try {
      const started = await api('post', '/api/v1/telecom/bulk').send({ action: 'resume', lineIds: lines, params: {} });
      expect(started.status).toBe(202);
      id = started.body.id;
      expect(await ended(id)).toMatchObject({ status: 'completed', done: 0, failed: 2 });
      expect((await report(id, '?outcome=failed')).items[0].reason).toMatch(/échec technique/);
    } finally {
      await t.admin('integrationConnections').where({ id: outage.id }).update({ settings: JSON.stringify({}) });
    }
    expect((await ordersByReference()).filter((o) => o.reference.startsWith(`bulk/${id!}/`))).toHaveLength(0);
    expect((await api('post', `/api/v1/telecom/bulk/${id!}/retry`)).status).toBe(202);
    expect(await ended(id!)).toMatchObject({ status: 'completed', done: 2, failed: 0 });
    expect((await ordersByReference()).filter((o) => o.reference.startsWith(`bulk/${id!}/`)).map((o) => [o.reference, o.kind, Number(o.count)]).sort())
      .toEqual([[`bulk/${id!}/1`, 'resume-line', 1], [`bulk/${id!}/2`, 'resume-line', 1]]);
    await poll();
    expect(Object.values(await relaisStatus(lines))).toEqual(['active', 'active']);
    const sandbox = await sandboxStatus();
    expect([sandbox['SNAIC-B-1'], sandbox['SNAIC-B-2']]).toEqual(['active', 'active']);
  });
});
