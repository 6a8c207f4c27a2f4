import request from 'supertest';
import { findModule } from '../../domain/modules/registry';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

const DEMO_CLIENTS = ['Kevin Casey', 'Marion Lebrun', 'Jacky Blangier', 'Sophie Lefèvre', 'Camille Durand', 'Antoine Moreau'];

/** The demo book a newcomer finds at epic-events (seeded by the global setup, as `npm start` does). */
describe('Epic Events demo data', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = testContext();
    token = (await loginAs(t.app, 'management', 'epic-events')).accessToken;
  });
  afterAll(() => t.close());

  const get = async (path: string) => {
    const res = await request(t.app).get(`/api/v1/events/${path}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, unknown>>;
  };

  it('holds clients, contracts and events at every stage of lead-to-event', async () => {
    const clients = (await get('clients?limit=200')).filter((c) => DEMO_CLIENTS.includes(String(c.fullName)));
    expect(clients.map((c) => c.fullName).sort()).toEqual([...DEMO_CLIENTS].sort());
    expect(clients.every((c) => c.salesContactName === 'Bill Boquet')).toBe(true);

    const contracts = (await get('contracts?limit=200')).filter((c) => DEMO_CLIENTS.includes(String(c.clientName)));
    const byClient = Object.fromEntries(contracts.map((c) => [c.clientName, c]));
    expect(byClient['Camille Durand']).toMatchObject({ signed: false });
    expect(byClient['Kevin Casey']).toMatchObject({ signed: true, amountDueCents: 0 });
    expect(byClient['Marion Lebrun']).toMatchObject({ signed: true, totalAmountCents: 2_500_000, amountDueCents: 1_500_000 });
    expect(byClient['Jacky Blangier']).toMatchObject({ signed: true, amountDueCents: 450_000 });
    expect(byClient['Antoine Moreau']).toBeUndefined();

    const events = (await get('events?limit=200')).filter((e) => DEMO_CLIENTS.includes(String(e.clientName)));
    const now = Date.now();
    const byName = Object.fromEntries(events.map((e) => [e.name, e]));
    expect(byName['Soirée de lancement Cool Startup']).toMatchObject({ status: 'closed', supportContactName: 'Kate Hastroff' });
    expect(Date.parse(String(byName['Gala annuel Chinon Patrimoine']!.endsAt))).toBeLessThan(now);
    expect(byName['Gala annuel Chinon Patrimoine']).toMatchObject({ status: 'planned', supportContactName: 'Kate Hastroff' });
    expect(Date.parse(String(byName['Mariage Lebrun']!.startsAt))).toBeGreaterThan(now);
    expect(byName['Fête de village de Mufflins']).toMatchObject({ status: 'planned', supportContactId: null });

    // Written through the domain's actions: each step is on the record's timeline.
    const history = await request(t.app).get(`/api/v1/events/contracts/${byClient['Marion Lebrun']!.id}/history`).set('Authorization', `Bearer ${token}`);
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['create', 'sign', 'payment']));
  });

  it('seeding again writes nothing more', async () => {
    const tenant = await tenantId(t.admin, 'epic-events');
    const count = async () => Number((await t.admin('eventClients').where({ tenantId: tenant }).whereIn('fullName', DEMO_CLIENTS).count({ n: '*' }))[0]!.n);
    const before = await count();
    const userIds = Object.fromEntries(await Promise.all(['management', 'sales', 'support'].map(async (r) => [r, await userId(t.admin, r, 'epic-events')])));
    await findModule('events')!.seedDemo!(t.admin, { tenantId: tenant, slug: 'epic-events', userIds });
    expect(await count()).toBe(before);
    expect(before).toBe(DEMO_CLIENTS.length);
  });
});
