import request from 'supertest';
import { loginAs, testContext, userId, type TestContext } from '../support/api';

/** Spec 001, management: "créer, mettre à jour et supprimer des collaborateurs". */
describe('collaborators API', () => {
  let t: TestContext;
  let management: string;
  let sales: string;
  beforeAll(async () => {
    t = testContext();
    management = (await loginAs(t.app, 'management', 'epic-events')).accessToken;
    sales = (await loginAs(t.app, 'sales', 'epic-events')).accessToken;
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: unknown) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body as object),
    patch: (url: string, version: number, body: unknown) => request(t.app).patch(url).set('Authorization', `Bearer ${token}`).set('If-Match', `"${version}"`).send(body as object),
    delete: (url: string) => request(t.app).delete(url).set('Authorization', `Bearer ${token}`),
  });
  const login = (email: string, password: string) => request(t.app).post('/api/v1/auth/login').send({ email, password, tokenTransport: 'body' });

  it('lets management create a collaborator who can then sign in with their role', async () => {
    const res = await as(management).post('/api/v1/users', { email: 'Aline.Vichum@epic-events.demo', displayName: 'Aliénor Vichum', roles: ['support'], password: 'correct horse battery' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'aline.vichum@epic-events.demo', displayName: 'Aliénor Vichum', roles: ['support'], active: true, type: 'internal' });
    expect(res.body).not.toHaveProperty('passwordHash');
    const signedIn = await login('aline.vichum@epic-events.demo', 'correct horse battery');
    expect(signedIn.status).toBe(200);
    const me = await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${signedIn.body.accessToken}`);
    expect(JSON.stringify(me.body)).toContain('support');
    const pickers = await as(sales).get('/api/v1/events/collaborators?role=support');
    expect(pickers.body.items.map((u: { displayName: string }) => u.displayName)).toContain('Aliénor Vichum');
  });

  it('changes roles, and deactivating ends the sessions and refuses sign-in', async () => {
    const created = await as(management).post('/api/v1/users', { email: 'temp@epic-events.demo', displayName: 'Temp', roles: ['sales'], password: 'temporary password 1' });
    const session = (await login('temp@epic-events.demo', 'temporary password 1')).body;
    const moved = await as(management).patch(`/api/v1/users/${created.body.id}`, created.body.version, { roles: ['support', 'sales'] });
    expect(moved.body.roles).toEqual(['sales', 'support']);
    const off = await as(management).patch(`/api/v1/users/${created.body.id}`, moved.body.version, { active: false });
    expect(off.body.active).toBe(false);
    expect((await login('temp@epic-events.demo', 'temporary password 1')).status).toBe(401);
    expect((await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
    const stale = await as(management).patch(`/api/v1/users/${created.body.id}`, moved.body.version, { displayName: 'Other' });
    expect(stale.status).toBe(412);
  });

  it('removes a collaborator (deactivated, roles withdrawn, name kept for history) but never oneself', async () => {
    const created = await as(management).post('/api/v1/users', { email: 'leaving@epic-events.demo', displayName: 'Leaving Soon', roles: ['sales'], password: 'temporary password 2' });
    expect((await as(management).delete(`/api/v1/users/${created.body.id}`)).status).toBe(204);
    const after = await as(management).get(`/api/v1/users/${created.body.id}`);
    expect(after.body).toMatchObject({ active: false, roles: [], displayName: 'Leaving Soon' });
    const self = await as(management).delete(`/api/v1/users/${await userId(t.admin, 'management', 'epic-events')}`);
    expect(self.status).toBe(422);
    const audit = await t.admin('auditLog').where({ targetId: created.body.id }).orderBy('id').pluck('action');
    expect(audit).toEqual(['user.created', 'user.removed']);
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const before = await t.admin('users').count({ n: '*' }).first();
    const cases: Array<[unknown, string]> = [
      [{ email: 'x@epic-events.demo', displayName: 'X', roles: ['support'], password: 'short' }, 'password'],
      [{ email: 'not-an-email', displayName: 'X', roles: ['support'], password: 'long enough password' }, 'email'],
      [{ email: 'y@epic-events.demo', displayName: 'Y', roles: ['astronaut'], password: 'long enough password' }, 'roles'],
      [{ email: 'z@epic-events.demo', displayName: 'Z', roles: [], password: 'long enough password' }, 'roles'],
      [{ email: 'w@epic-events.demo', displayName: 'W', roles: ['sales'], password: 'long enough password', type: 'client' }, 'type'],
    ];
    for (const [body, field] of cases) {
      const res = await as(management).post('/api/v1/users', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const dup = await as(management).post('/api/v1/users', { email: 'SALES@epic-events.demo', displayName: 'Dup', roles: ['sales'], password: 'long enough password' });
    expect(dup.status).toBe(409);
    expect(await t.admin('users').count({ n: '*' }).first()).toEqual(before);
  });

  it('is management only, and another organisation\'s collaborator is not found', async () => {
    expect((await as(sales).get('/api/v1/users')).status).toBe(403);
    expect((await as(sales).post('/api/v1/users', { email: 'a@b.fr', displayName: 'A', roles: ['sales'], password: 'long enough password' })).status).toBe(403);
    const other = await userId(t.admin, 'manager', 'softwhere');
    expect((await as(management).get(`/api/v1/users/${other}`)).status).toBe(404);
    const list = await as(management).get('/api/v1/users?role=support');
    expect(list.body.items.every((u: { roles: string[] }) => u.roles.includes('support'))).toBe(true);
  });

  describe('nobody hands out a role they do not hold', () => {
    let director: string;
    beforeAll(async () => { director = (await loginAs(t.app, 'direction', 'acme-school')).accessToken; });

    it('refuses a director giving school-lead to themselves or to a newcomer (403 naming the role), and changes nothing', async () => {
      const self = await userId(t.admin, 'direction', 'acme-school');
      const current = await as(director).get(`/api/v1/users/${self}`);
      const escalate = await as(director).patch(`/api/v1/users/${self}`, current.body.version, { roles: ['direction', 'school-lead'] });
      expect(escalate.status).toBe(403);
      expect(escalate.body.detail).toMatch(/rôle « Responsable du pôle scolarité » \(school-lead\)/);
      const created = await as(director).post('/api/v1/users', { email: 'accomplice@acme-school.demo', displayName: 'Accomplice', roles: ['school-lead'], password: 'long enough password' });
      expect(created.status).toBe(403);
      expect(created.body.detail).toMatch(/school-lead/);
      expect((await as(director).get(`/api/v1/users/${self}`)).body).toMatchObject({ roles: ['direction'], version: current.body.version });
      expect(await t.admin('users').whereRaw('lower(email) = ?', ['accomplice@acme-school.demo']).first()).toBeUndefined();
      // Nor take over a more powerful account by resetting its password.
      const lead = await userId(t.admin, 'school-lead', 'acme-school');
      const leadRow = await as(director).get(`/api/v1/users/${lead}`);
      const takeover = await as(director).patch(`/api/v1/users/${lead}`, leadRow.body.version, { password: 'i know it now 1234' });
      expect(takeover.status).toBe(403);
      expect(takeover.body.detail).toMatch(/school-lead/);
    });

    it('lets a director hire teachers (declared delegation: they enter grades the direction only reads)', async () => {
      const res = await as(director).post('/api/v1/users', { email: 'new.teacher@acme-school.demo', displayName: 'Nouveau Professeur', roles: ['teacher'], password: 'long enough password' });
      expect(res.status).toBe(201);
    });

    it('lets a director staff the student office (declared delegation: school-office), never themselves', async () => {
      const res = await as(director).post('/api/v1/users', { email: 'new.office@acme-school.demo', displayName: 'Nouvelle Scolarité', roles: ['school-office'], password: 'long enough password' });
      expect(res.status).toBe(201);
      expect(res.body.roles).toEqual(['school-office']);
      const self = await userId(t.admin, 'direction', 'acme-school');
      const mine = await as(director).get(`/api/v1/users/${self}`);
      const selfOffice = await as(director).patch(`/api/v1/users/${self}`, mine.body.version, { roles: ['direction', 'school-office'] });
      expect(selfOffice.status).toBe(403);
      expect(selfOffice.body.detail).toMatch(/rôle « Pôle scolarité » \(school-office\) à vous-même/);
    });

    it('lets the SoftWhere direction hire support N1 and a manager (spec 002 §10), whose process rights it holds', async () => {
      const direction = (await loginAs(t.app, 'direction', 'softwhere')).accessToken;
      const support = await as(direction).post('/api/v1/users', { email: 'new.support@softwhere.demo', displayName: 'Nouveau Support', roles: ['support-n1'], password: 'long enough password' });
      expect(support.status).toBe(201);
      const manager = await as(direction).post('/api/v1/users', { email: 'new.manager@softwhere.demo', displayName: 'Nouvelle Gestionnaire', roles: ['manager'], password: 'long enough password' });
      expect(manager.status).toBe(201);
      expect([support.body.roles, manager.body.roles]).toEqual([['support-n1'], ['manager']]);
    });

    it('lets management give sales to others (declared delegation), never to themselves, and audits role changes with before and after', async () => {
      const created = await as(management).post('/api/v1/users', { email: 'future.sales@epic-events.demo', displayName: 'Future Sales', roles: ['support'], password: 'long enough password' });
      expect(created.status).toBe(201);
      const moved = await as(management).patch(`/api/v1/users/${created.body.id}`, created.body.version, { roles: ['sales'] });
      expect(moved.status).toBe(200);
      expect(moved.body.roles).toEqual(['sales']);
      const entry = await t.admin('auditLog').where({ targetId: created.body.id, action: 'user.roles.changed' }).first();
      expect(entry).toMatchObject({ actorUserId: await userId(t.admin, 'management', 'epic-events'), targetType: 'user' });
      expect(entry.details).toEqual({ before: ['support'], after: ['sales'] });

      const self = await userId(t.admin, 'management', 'epic-events');
      const mine = await as(management).get(`/api/v1/users/${self}`);
      const selfSales = await as(management).patch(`/api/v1/users/${self}`, mine.body.version, { roles: ['management', 'sales'] });
      expect(selfSales.status).toBe(403);
      expect(selfSales.body.detail).toMatch(/rôle « Commercial » \(sales\) à vous-même/);
    });
  });
});
