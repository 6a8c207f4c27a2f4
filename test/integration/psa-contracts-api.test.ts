import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * MSP contracts through the API (spec 003 §2.2): the three types, the list filtered on hour banks
 * with their balance, a pack bought (its invoice a draft through billing, or issued), the ledger
 * newest first, the rules refused in French with nothing written, and who may do what (a
 * technician reads, a client user reads its own company's contracts only).
 */
describe('psa: contracts and hour banks through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  const tokens: Record<string, string> = {};
  let accountId: string;
  let otherAccountId: string;
  const as = (role: string) => (method: 'get' | 'post' | 'patch' | 'delete', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${tokens[role]}`);

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'contracts', ['psa']);
    for (const role of ['admin', 'manager', 'technician']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    expect((await as('admin')('put' as 'post', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    accountId = (await as('manager')('post', '/api/v1/accounts').send(BUYER)).body.id;
    otherAccountId = (await as('manager')('post', '/api/v1/accounts').send({ ...BUYER, name: 'Autre client' })).body.id;
    await t.admin('users').where({ id: tenant.userIds.client }).update({ accountId });
    tokens.client = (await loginAs(t.app, 'client', tenant.slug)).accessToken;
  });
  afterAll(() => t.close());

  it('opens an hour bank, lists it among hour banks with its balance, buys a pack (a draft invoice) and shows the ledger newest first', async () => {
    const created = await as('manager')('post', '/api/v1/psa/contracts').send({
      accountId, name: 'Assistance 10 h', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600, packPriceCents: 80_000, hourlyRateCents: 9_000,
      alertThresholds: [{ percent: 20 }, { minutes: 120 }], accountManagerId: tenant.userIds.manager,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: expect.any(Number), remainingMinutes: 0, purchasedMinutes: 0, accountName: BUYER.name, status: 'active', alertThresholds: [{ percent: 20 }, { minutes: 120 }] });
    const id = created.body.id as string;

    const bought = await as('manager')('post', `/api/v1/psa/contracts/${id}/packs`).set('Idempotency-Key', `pack-${id}`).send({});
    expect(bought.status).toBe(201);
    expect(bought.body.contract).toMatchObject({ remainingMinutes: 600, purchasedMinutes: 600 });
    expect(bought.body.invoice).toMatchObject({ status: 'draft', accountId, totalExcludingTaxCents: 80_000 });
    expect(bought.body.invoice.lines[0].description).toBe(`Pack de 10 h d'assistance — contrat n° ${created.body.number} « Assistance 10 h »`);
    // The same key answers the same purchase: nothing bought twice.
    const again = await as('manager')('post', `/api/v1/psa/contracts/${id}/packs`).set('Idempotency-Key', `pack-${id}`).send({});
    expect(again.body.movement.id).toBe(bought.body.movement.id);
    const issued = await as('manager')('post', `/api/v1/psa/contracts/${id}/packs`).send({ minutes: 1200, issue: true });
    expect(issued.status).toBe(201);
    expect(issued.body.invoice).toMatchObject({ status: 'issued', number: expect.any(String), totalExcludingTaxCents: 160_000 });

    const list = await as('technician')('get', '/api/v1/psa/contracts?type=hour-bank');
    expect(list.status).toBe(200);
    expect(list.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ remainingMinutes: 1800, type: 'hour-bank' });
    const hours = await as('technician')('get', `/api/v1/psa/contracts/${id}/hours`);
    expect(hours.status).toBe(200);
    expect(hours.body).toMatchObject({ remainingMinutes: 1800, purchasedMinutes: 1800 });
    expect(hours.body.items.map((i: { kind: string; minutes: number }) => [i.kind, i.minutes]).sort()).toEqual([['purchase', 1200], ['purchase', 600]]);
    expect(hours.body.items[0]).toMatchObject({ balanceMinutes: 1800, createdByName: expect.any(String), invoiceId: expect.any(String) });
    const history = await as('manager')('get', `/api/v1/psa/contracts/${id}/history`);
    expect(history.status).toBe(200);
  });

  it('a subscription contract creates its billing subscription; time and material has an hourly rate and no pack', async () => {
    const sub = await as('manager')('post', '/api/v1/psa/contracts').send({
      accountId, name: 'Infogérance 12 postes', type: 'subscription', startDate: '2026-02-01',
      subscription: { basis: 'machine', quantity: 12, description: 'Infogérance poste de travail', unitPriceCents: 3_500 },
    });
    expect(sub.status).toBe(201);
    const subscription = await as('manager')('get', `/api/v1/billing/subscriptions/${sub.body.subscriptionId}`);
    expect(subscription.body).toMatchObject({ accountId, basis: 'machine', quantity: 12, frequency: 'monthly', name: 'Infogérance 12 postes' });
    const tm = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId, name: 'Régie', type: 'time-and-material', startDate: '2026-01-01', hourlyRateCents: 9_500 });
    expect(tm.status).toBe(201);
    expect((await as('manager')('get', `/api/v1/psa/contracts?type=time-and-material&accountId=${accountId}`)).body.items.map((c: { id: string }) => c.id)).toEqual([tm.body.id]);
    const pack = await as('manager')('post', `/api/v1/psa/contracts/${tm.body.id}/packs`).send({});
    expect(pack.status).toBe(422);
    expect(pack.body.detail).toBe(`Le contrat n° ${tm.body.number} n'est pas une banque d'heures : on n'y achète pas de pack.`);
  });

  it('refuses bad input in French with nothing written', async () => {
    const before = await t.admin('psaContracts').where({ tenantId: tenant.tenantId }).count<{ count: string }[]>('id as count');
    const noPack = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId, name: 'Sans pack', type: 'hour-bank', startDate: '2026-01-01' });
    expect(noPack.status).toBe(400);
    expect(noPack.body.errors).toEqual([expect.objectContaining({ field: 'packMinutes', message: 'une banque d\'heures a une taille de pack (10 h, 20 h, 50 h…)' })]);
    const noSub = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId, name: 'Abonnement', type: 'subscription', startDate: '2026-01-01' });
    expect(noSub.status).toBe(400);
    const wrongType = await as('manager')('get', '/api/v1/psa/contracts?type=forfait');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0]).toMatchObject({ field: 'type', message: 'doit être hour-bank, subscription ou time-and-material' });
    const badThreshold = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId, name: 'X', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600, alertThresholds: [{ percent: 150 }] });
    expect(badThreshold.status).toBe(400);
    const impossible = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId, name: 'Régie', type: 'time-and-material', startDate: '2026-02-30', hourlyRateCents: 3_000_000_000 });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hourlyRateCents', 'startDate']);
    const subscriptionDay = await as('manager')('post', '/api/v1/psa/contracts').send({
      accountId, name: 'Abonnement', type: 'subscription', startDate: '2026-01-01', subscription: { basis: 'flat', description: '', unitPriceCents: 100 },
    });
    expect(subscriptionDay.status).toBe(400);
    const after = await t.admin('psaContracts').where({ tenantId: tenant.tenantId }).count<{ count: string }[]>('id as count');
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it('a technician reads but does not buy; a client user reads its own company\'s contracts and balance only', async () => {
    const mine = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId, name: 'Banque client', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600, packPriceCents: 80_000 });
    const theirs = await as('manager')('post', '/api/v1/psa/contracts').send({ accountId: otherAccountId, name: 'Banque autre', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600, packPriceCents: 80_000 });
    expect((await as('technician')('post', `/api/v1/psa/contracts/${mine.body.id}/packs`).send({})).status).toBe(403);
    const seen = await as('client')('get', '/api/v1/psa/contracts');
    expect(seen.status).toBe(200);
    const ids = seen.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);
    expect((await as('client')('get', `/api/v1/psa/contracts/${mine.body.id}/hours`)).status).toBe(200);
    expect((await as('client')('get', `/api/v1/psa/contracts/${theirs.body.id}/hours`)).status).toBe(404);
    expect((await as('client')('post', `/api/v1/psa/contracts/${mine.body.id}/packs`).send({})).status).toBe(403);
  });
});
