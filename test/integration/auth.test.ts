import request from 'supertest';
import { SignJWT } from 'jose';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { hashPassword } from '../../domain/identity/passwords';
import { signAccessToken } from '../../domain/identity/tokens';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';

describe('authentication', () => {
  let t: TestContext;
  beforeAll(() => { t = testContext(); });
  afterAll(() => t.close());

  it('signs in with email and password and answers who I am, with my permissions', async () => {
    const { accessToken } = await loginAs(t.app, 'sales', 'epic-events');
    const me = await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('sales@epic-events.demo');
    expect(me.body.tenant.slug).toBe('epic-events');
    expect(me.body.roles.map((r: { key: string }) => r.key)).toEqual(['sales']);
    expect(me.body.permissions['core.account']).toEqual(['read', 'create', 'update']);
  });

  it('refuses a wrong password with 401 and the same message as an unknown email', async () => {
    const wrong = await request(t.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: 'nope' });
    const unknown = await request(t.app).post('/api/v1/auth/login').send({ email: 'nobody@nowhere.demo', password: 'nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('stores passwords as argon2id hashes only', async () => {
    const row = await t.admin('users').whereRaw('lower(email) = ?', ['sales@epic-events.demo']).first('passwordHash');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(DEMO_PASSWORD);
  });

  it('asks which organisation when the same email and password exist in two tenants', async () => {
    const email = `shared-${Date.now()}@example.test`;
    const passwordHash = await hashPassword('s3cret-shared');
    for (const slug of ['msp', 'softwhere']) {
      await t.admin('users').insert({ tenantId: await tenantId(t.admin, slug), email, displayName: 'Shared', type: 'internal', passwordHash });
    }
    const ambiguous = await request(t.app).post('/api/v1/auth/login').send({ email, password: 's3cret-shared' });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.tenants.map((x: { slug: string }) => x.slug).sort()).toEqual(['msp', 'softwhere']);
    const chosen = await request(t.app).post('/api/v1/auth/login').send({ email, password: 's3cret-shared', tenant: 'msp' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.tenantId).toBe(await tenantId(t.admin, 'msp'));
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = await loginAs(t.app, 'support', 'epic-events');
    const second = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const third = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);
    // The first token is presented again: someone copied it.
    const reuse = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    // The legitimate latest token of the family is revoked too.
    const latest = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: third.body.refreshToken });
    expect(latest.status).toBe(401);
    const events = await t.admin('auditLog').where({ action: 'auth.refresh.reused' }).count<{ count: number }[]>('* as count');
    expect(Number(events[0]!.count)).toBeGreaterThanOrEqual(1);
    // Another session of the same user (another family) still works.
    const other = await loginAs(t.app, 'support', 'epic-events');
    expect((await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('logout revokes the session\'s refresh token', async () => {
    const session = await loginAs(t.app, 'support', 'epic-events');
    expect((await request(t.app).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);
    expect((await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
  });

  it('answers 401 to expired, tampered, foreign-key-signed and missing access tokens', async () => {
    const session = await loginAs(t.app, 'management', 'epic-events');
    const secret = process.env.JWT_SECRET!;
    const expired = await signAccessToken({ userId: session.userId, tenantId: session.tenantId }, secret, -10);
    const [h, p, s] = session.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, tid: await tenantId(t.admin, 'msp') })).toString('base64url')}.${s}`;
    const foreign = await new SignJWT({ tid: session.tenantId }).setProtectedHeader({ alg: 'HS256' }).setSubject(session.userId)
      .setIssuer('relais').setAudience('relais-api').setExpirationTime('5m').sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    for (const token of [expired, tampered, foreign, unsigned, 'garbage']) {
      const res = await request(t.app).get('/api/v1/accounts').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await request(t.app).get('/api/v1/accounts')).status).toBe(401);
    expect((await request(t.app).get('/api/v1/accounts').set('Authorization', `Bearer ${session.accessToken}`)).status).toBe(200);
  });

  it('rate-limits sign-in attempts per address and email', async () => {
    const limited = testContext({ loginRateLimitPer15Min: 3 });
    try {
      const attempt = () => request(limited.app).post('/api/v1/auth/login').send({ email: 'support@epic-events.demo', password: 'wrong' });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Even the right password waits out the window: the limit is on attempts.
      const right = await request(limited.app).post('/api/v1/auth/login').send({ email: 'support@epic-events.demo', password: DEMO_PASSWORD });
      expect(right.status).toBe(429);
      // Another email from the same address is not locked out.
      const other = await request(limited.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: DEMO_PASSWORD });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('a disabled user\'s still-valid access token is refused', async () => {
    const tenant = await tenantId(t.admin, 'epic-events');
    const passwordHash = await hashPassword('temp-password-1');
    const email = `leaver-${Date.now()}@example.test`;
    const [user] = await t.admin('users').insert({ tenantId: tenant, email, displayName: 'Leaver', type: 'internal', passwordHash }).returning('id');
    const login = await request(t.app).post('/api/v1/auth/login').send({ email, password: 'temp-password-1' });
    expect(login.status).toBe(200);
    await t.admin('users').where({ id: user.id }).update({ active: false });
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`)).status).toBe(401);
    expect((await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(401);
  });
});
