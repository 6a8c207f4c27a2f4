import crypto from 'node:crypto';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { nextNumber } from '../../domain/core/tenant-counter';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The internal value of time (spec 003 §2.3.2): each entry has an internal cost and an external
 * price; the cost and the margin are the MSP's — the manager and the admin read them, a technician
 * and a client never do, in any answer (the entry, the list, the timer's stop, the history).
 */
describe('psa: who reads the internal cost and margin of time', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  const tokens: Record<string, string> = {};
  let ticketId: string;
  const COST_FIELDS = ['hourlyCostCents', 'costCents', 'marginCents'];
  const api = (role: string, method: 'get' | 'post' | 'patch', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${tokens[role]}`);
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: tenant.tenantId }, fn, t.admin);
  const withoutCost = (body: Record<string, unknown>) => { for (const f of COST_FIELDS) expect(body).not.toHaveProperty(f); };

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'psa-time-cost', ['psa']);
    for (const role of ['admin', 'manager', 'technician', 'client']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    const accountId = (await api('admin', 'post', '/api/v1/accounts').send({ name: `Cabinet Roux ${crypto.randomBytes(3).toString('hex')}` })).body.id as string;
    ticketId = await inTenant(async (trx) => {
      await trx('psaTechnicianRates').insert({ tenantId: tenant.tenantId, userId: tenant.userIds.technician, hourlyCostCents: 3_000, hourlyRateCents: 8_000 });
      const [row] = await trx('psaTickets').insert({
        tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'psa.ticket'), accountId, title: 'Imprimante hors ligne', assigneeId: tenant.userIds.technician,
      }).returning('id');
      return String(row.id);
    });
  });
  afterAll(() => t.close());

  it('a technician enters time and reads its price, never its internal cost nor its margin; the manager and the admin read both', async () => {
    const created = await api('technician', 'post', '/api/v1/psa/time-entries').send({ ticketId, minutes: 60, kind: 'billable' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ minutes: 60, hourlyRateCents: 8_000, priceCents: 8_000 });
    withoutCost(created.body);
    withoutCost((await api('technician', 'get', `/api/v1/psa/time-entries/${created.body.id}`)).body);
    const mine = await api('technician', 'get', `/api/v1/psa/time-entries?ticketId=${ticketId}`);
    expect(mine.body.items).toHaveLength(1);
    mine.body.items.forEach(withoutCost);

    for (const role of ['manager', 'admin']) {
      const read = await api(role, 'get', `/api/v1/psa/time-entries/${created.body.id}`);
      expect(read.body).toMatchObject({ hourlyCostCents: 3_000, costCents: 3_000, priceCents: 8_000, marginCents: 5_000 });
      const listed = await api(role, 'get', `/api/v1/psa/time-entries?ticketId=${ticketId}`);
      expect(listed.body.items[0]).toMatchObject({ costCents: 3_000, marginCents: 5_000 });
    }
  });

  it('the technician still edits a draft (its cost is computed again out of sight) and may not send a cost', async () => {
    const created = await api('technician', 'post', '/api/v1/psa/time-entries').send({ ticketId, minutes: 30, kind: 'billable' });
    const edited = await api('technician', 'patch', `/api/v1/psa/time-entries/${created.body.id}`).set('If-Match', `"${created.body.version}"`).send({ minutes: 45 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ minutes: 45, priceCents: 6_000 });
    withoutCost(edited.body);
    expect((await api('manager', 'get', `/api/v1/psa/time-entries/${created.body.id}`)).body).toMatchObject({ costCents: 2_250, marginCents: 3_750 });
    const sent = await api('technician', 'patch', `/api/v1/psa/time-entries/${created.body.id}`).set('If-Match', '*').send({ costCents: 0 });
    expect(sent.status).toBe(400);
    expect((await api('manager', 'get', `/api/v1/psa/time-entries/${created.body.id}`)).body.costCents).toBe(2_250);
  });

  it('a change of cost made by the manager shows in the history to the manager, not to the technician', async () => {
    const created = await api('technician', 'post', '/api/v1/psa/time-entries').send({ ticketId, minutes: 20, kind: 'billable' });
    const changed = await api('manager', 'patch', `/api/v1/psa/time-entries/${created.body.id}`).set('If-Match', `"${created.body.version}"`).send({ minutes: 40 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ costCents: 2_000 });
    type Entry = { action: string; changes: Record<string, unknown> };
    const managerSees = (await api('manager', 'get', `/api/v1/psa/time-entries/${created.body.id}/history`)).body.items as Entry[];
    expect(managerSees.find((h) => h.action === 'update')?.changes).toHaveProperty('costCents');
    const technicianSees = (await api('technician', 'get', `/api/v1/psa/time-entries/${created.body.id}/history`)).body.items as Entry[];
    const update = technicianSees.find((h) => h.action === 'update');
    expect(update?.changes).toHaveProperty('minutes');
    for (const f of COST_FIELDS) expect(update?.changes).not.toHaveProperty(f);
  });

  it('the timer\'s stop answers the technician his entry without its cost', async () => {
    expect((await api('technician', 'post', '/api/v1/psa/timer/start').send({ ticketId })).status).toBe(201);
    const stopped = await api('technician', 'post', '/api/v1/psa/timer/stop').send({});
    expect(stopped.status).toBe(201);
    withoutCost(stopped.body.entry);
  });

  it('a client reads no time at all, and his session does not hold the cost field group', async () => {
    expect((await api('client', 'get', `/api/v1/psa/time-entries?ticketId=${ticketId}`)).status).toBe(403);
    const me = async (role: string) => (await api(role, 'get', '/api/v1/auth/me')).body.fieldGroups as string[];
    expect(await me('client')).not.toContain('psa.time-entry.cost');
    expect(await me('technician')).not.toContain('psa.time-entry.cost');
    expect(await me('manager')).toContain('psa.time-entry.cost');
    expect(await me('admin')).toContain('psa.time-entry.cost');
  });

  it('the OpenAPI document tells that the cost fields are answered only with their field group', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    const schema = Object.values(doc.components.schemas as Record<string, { description?: string; required?: string[] }>)
      .find((s) => s.description?.includes('psa.time-entry.cost'));
    expect(schema).toBeDefined();
    for (const f of COST_FIELDS) expect(schema?.required ?? []).not.toContain(f);
  });
});
