import request from 'supertest';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';

/**
 * /api/v1/contacts/:id/assignments: a contact of an account assigned to one of its sites, then
 * unassigned; both are on the contact's timeline and on the account's (where the panel shows
 * them, with the site named), under the contact's update permission, and never across tenants.
 */
describe('contact assignments', () => {
  let t: TestContext;
  let manager: string;
  let direction: string;
  let outsider: string;
  let account: string;
  let contact: string;
  let site: string;

  beforeAll(async () => {
    t = testContext();
    [manager, direction, outsider] = (await Promise.all([
      loginAs(t.app, 'manager', 'softwhere'), loginAs(t.app, 'direction', 'softwhere'), loginAs(t.app, 'sales', 'epic-events'),
    ])).map((s) => s.accessToken);
    const tenant = await tenantId(t.admin, 'softwhere');
    [{ id: account }] = await t.admin('accounts').insert({ tenantId: tenant, number: 9_000_000 + Math.floor(Math.random() * 900_000), name: `Affectations ${process.pid}`, status: 'active' }).returning('id');
    [{ id: contact }] = await t.admin('contacts').insert({ tenantId: tenant, accountId: account, firstName: 'Jeanne', lastName: 'Roux' }).returning('id');
    [{ id: site }] = await t.admin('sites').insert({ tenantId: tenant, accountId: account, name: 'Dépôt de Vannes' }).returning('id');
  });

  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => request(t.app).post(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => request(t.app).delete(path).set('Authorization', `Bearer ${token}`),
  });
  const history = async (kind: 'accounts' | 'contacts', id: string) =>
    (await as(manager).get(`/api/v1/${kind}/${id}/history`)).body.items as Array<{ action: string; changes: Record<string, unknown>; names?: Record<string, string> }>;

  it('unassigns a contact from a site: gone from its assignments, on the contact\'s and the account\'s timelines with the site named', async () => {
    const assigned = await as(manager).post(`/api/v1/contacts/${contact}/assignments`, { purpose: 'site', siteId: site });
    expect(assigned.status).toBe(201);
    expect((await history('accounts', account))[0]).toMatchObject({ action: 'assign', changes: { contactId: contact, purpose: 'site', siteId: site } });

    expect((await as(manager).delete(`/api/v1/contacts/${contact}/assignments/${assigned.body.id}`)).status).toBe(204);
    expect((await as(manager).get(`/api/v1/contacts/${contact}/assignments`)).body.items).toEqual([]);
    const onAccount = (await history('accounts', account))[0]!;
    expect(onAccount).toMatchObject({ action: 'unassign', changes: { contactId: contact, purpose: 'site', siteId: site, billingSiteId: null } });
    expect(onAccount.names).toMatchObject({ [contact]: 'Jeanne Roux', [site]: 'Dépôt de Vannes' });
    expect((await history('contacts', contact))[0]).toMatchObject({ action: 'unassign', changes: { purpose: 'site', siteId: site } });
  });

  it('refuses a person who may only read contacts (403) and another organisation (404), and changes nothing', async () => {
    const { body: kept } = await as(manager).post(`/api/v1/contacts/${contact}/assignments`, { purpose: 'support' });
    const readOnly = await as(direction).delete(`/api/v1/contacts/${contact}/assignments/${kept.id}`);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.detail).toMatch(/[àéè]|vous/i);
    expect((await as(outsider).delete(`/api/v1/contacts/${contact}/assignments/${kept.id}`)).status).toBe(404);
    expect((await as(manager).get(`/api/v1/contacts/${contact}/assignments`)).body.items.map((a: { id: string }) => a.id)).toEqual([kept.id]);
  });

  it('answers an assignment that is not the contact\'s with a French field message', async () => {
    const res = await as(manager).delete(`/api/v1/contacts/${contact}/assignments/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('assignmentId');
    expect(res.body.title).toBe('Requête invalide');
  });
});
