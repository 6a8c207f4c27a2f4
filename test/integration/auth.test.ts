import crypto from 'node:crypto';
import request from 'supertest';
import knexFactory from 'knex';
import { SignJWT } from 'jose';
import { knexConfig } from '../../db/knexfile';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { REUSE_GRACE_SECONDS } from '../../domain/identity/auth-service';
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

  it('counts padding, case and Unicode variants of an email against one limit, and answers 429 in French with Retry-After', async () => {
    const limited = testContext({ loginRateLimitPer15Min: 3 });
    try {
      const variants = ['  support@epic-events.demo', 'SUPPORT@epic-events.demo  ', 'Support@Epic-Events.demo', '\tsupport@epic-events.demo\n', 'ｓｕｐｐｏｒｔ@epic-events.demo'];
      const statuses = [];
      for (const email of variants) statuses.push((await request(limited.app).post('/api/v1/auth/login').send({ email, password: 'wrong' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const refused = await request(limited.app).post('/api/v1/auth/login').send({ email: ' support@epic-events.demo ', password: DEMO_PASSWORD });
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ title: 'Trop de requêtes', code: 'auth.too-many-attempts' });
      expect(refused.body.detail).toMatch(/Réessayez dans 15 minutes/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('does not count successful sign-ins: a team sharing a demo account signs in 20 times in a row', async () => {
    const limited = testContext({ loginRateLimitPer15Min: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 20; i++) {
        statuses.push((await request(limited.app).post('/api/v1/auth/login').send({ email: i % 2 ? ' Sales@epic-events.demo' : 'sales@epic-events.demo', password: DEMO_PASSWORD })).status);
      }
      expect(statuses).toEqual(Array(20).fill(200));
      // Two failures still leave room for a third attempt; the failures are what is counted.
      for (let i = 0; i < 2; i++) expect((await request(limited.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: 'wrong' })).status).toBe(401);
      expect((await request(limited.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: DEMO_PASSWORD })).status).toBe(200);
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

  it('refuses access tokens without an expiry, issue time, id, issuer or audience', async () => {
    const session = await loginAs(t.app, 'sales', 'epic-events');
    const secret = new TextEncoder().encode(process.env.JWT_SECRET!);
    const now = Math.floor(Date.now() / 1000);
    const build = (omit: 'exp' | 'iat' | 'jti' | 'iss' | 'aud') => {
      const jwt = new SignJWT({ tid: session.tenantId }).setProtectedHeader({ alg: 'HS256' }).setSubject(session.userId);
      if (omit !== 'iss') jwt.setIssuer('relais');
      if (omit !== 'aud') jwt.setAudience('relais-api');
      if (omit !== 'iat') jwt.setIssuedAt(now);
      if (omit !== 'exp') jwt.setExpirationTime(now + 600);
      if (omit !== 'jti') jwt.setJti(crypto.randomUUID());
      return jwt.sign(secret);
    };
    for (const omit of ['exp', 'iat', 'jti', 'iss', 'aud'] as const) {
      const res = await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${await build(omit)}`);
      expect([omit, res.status]).toEqual([omit, 401]);
    }
    // The same token with every claim is accepted: only the missing claim is refused.
    const complete = new SignJWT({ tid: session.tenantId }).setProtectedHeader({ alg: 'HS256' }).setSubject(session.userId)
      .setIssuer('relais').setAudience('relais-api').setIssuedAt(now).setExpirationTime(now + 600).setJti(crypto.randomUUID());
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${await complete.sign(secret)}`)).status).toBe(200);
  });

  it('refuses an access token once its session logged out, though it has not expired', async () => {
    const session = await loginAs(t.app, 'sales', 'epic-events');
    const other = await loginAs(t.app, 'sales', 'epic-events');
    const me = (token: string) => request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    expect((await me(session.accessToken)).status).toBe(200);
    const out = await request(t.app).post('/api/v1/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).send({ refreshToken: session.refreshToken });
    expect(out.status).toBe(204);
    const after = await me(session.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/session est terminée/);
    expect((await request(t.app).get('/api/v1/accounts').set('Authorization', `Bearer ${session.accessToken}`)).status).toBe(401);
    // Another session of the same user is untouched.
    expect((await me(other.accessToken)).status).toBe(200);
  });

  describe('the browser\'s refresh token travels in an httpOnly cookie', () => {
    /** Moves a person's past rotations beyond the grace a lost answer has, as if they were made a while ago. */
    const ageRotations = (userId: string) => t.admin('refreshTokens').where({ userId }).whereNotNull('usedAt')
      .update({ usedAt: t.admin.raw(`used_at - make_interval(secs => ?)`, [REUSE_GRACE_SECONDS + 1]) });
    const cookieOf = (res: request.Response): string | undefined => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('relais_refresh='));
    const valueOf = (cookie: string) => cookie.split(';')[0]!;

    it('login sets the cookie (HttpOnly, SameSite=Strict, Path=/api/v1/auth) and leaves the token out of the body; no-store on token answers', async () => {
      const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body).not.toHaveProperty('refreshToken');
      const cookie = cookieOf(res)!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\/api\/v1\/auth(;|$)/);
      expect(cookie).toMatch(/; Max-Age=3600/);
      // The test server's public URL is localhost: no Secure there (the browser would drop it over http).
      expect(cookie).not.toMatch(/; Secure/);
      expect(res.headers['cache-control']).toBe('no-store');
      const refreshed = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', valueOf(cookie)).send({});
      const out = await request(t.app).post('/api/v1/auth/logout').set('Cookie', valueOf(cookieOf(refreshed)!)).send({});
      expect([refreshed.headers['cache-control'], out.headers['cache-control']]).toEqual(['no-store', 'no-store']);
    });

    it('marks the cookie Secure outside localhost', async () => {
      const remote = testContext({ publicUrl: 'https://relais.example.fr' });
      try {
        const res = await request(remote.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: DEMO_PASSWORD });
        expect(cookieOf(res)).toMatch(/; Secure/);
      } finally {
        await remote.close();
      }
    });

    it('refresh with the cookie rotates it, a reused cookie revokes the whole family, logout clears it', async () => {
      const login = await request(t.app).post('/api/v1/auth/login').send({ email: 'support@epic-events.demo', password: DEMO_PASSWORD });
      const first = valueOf(cookieOf(login)!);
      const second = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first).send({});
      expect(second.status).toBe(200);
      expect(second.body).not.toHaveProperty('refreshToken');
      const rotated = valueOf(cookieOf(second)!);
      expect(rotated).not.toBe(first);
      const me = await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${second.body.accessToken}`);
      expect(me.status).toBe(200);
      // The first cookie again, after the grace a lost answer has (ADR 0008): someone copied it. The family is revoked, the rotated cookie too.
      await ageRotations(login.body.userId);
      const reuse = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first).send({});
      expect(reuse.status).toBe(401);
      expect(cookieOf(reuse)).toMatch(/^relais_refresh=;/);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', rotated).send({})).status).toBe(401);

      const again = valueOf(cookieOf(await request(t.app).post('/api/v1/auth/login').send({ email: 'support@epic-events.demo', password: DEMO_PASSWORD }))!);
      const out = await request(t.app).post('/api/v1/auth/logout').set('Cookie', again).send({});
      expect(out.status).toBe(204);
      expect(cookieOf(out)).toMatch(/^relais_refresh=;.*Expires=Thu, 01 Jan 1970/);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', again).send({})).status).toBe(401);
    });

    it('a page left or reloaded mid-refresh (its rotated cookie never arrived) refreshes again with the previous cookie, and stays signed in', async () => {
      const login = await request(t.app).post('/api/v1/auth/login').send({ email: 'direction@softwhere.demo', password: DEMO_PASSWORD });
      const first = valueOf(cookieOf(login)!);
      // The server rotates the cookie, but its answer is lost: the browser still holds the first one.
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first).send({})).status).toBe(200);
      const next = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first).send({});
      expect(next.status).toBe(200);
      expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${next.body.accessToken}`)).status).toBe(200);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', valueOf(cookieOf(next)!)).send({})).status).toBe(200);
      expect(await t.admin('auditLog').where({ action: 'auth.refresh.reused', actorUserId: login.body.userId }).count<{ count: number }[]>('* as count')).toEqual([{ count: 0 }]);
    });

    it('the previous cookie presented again once its successor was used, or after the grace, still revokes the whole family', async () => {
      const login = await request(t.app).post('/api/v1/auth/login').send({ email: 'support-n1@softwhere.demo', password: DEMO_PASSWORD });
      const first = valueOf(cookieOf(login)!);
      const second = valueOf(cookieOf(await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first).send({}))!);
      const third = valueOf(cookieOf(await request(t.app).post('/api/v1/auth/refresh').set('Cookie', second).send({}))!);
      // The second cookie was used (the session moved on): the first one again is a copy, even at once.
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first).send({})).status).toBe(401);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', third).send({})).status).toBe(401);

      const again = await request(t.app).post('/api/v1/auth/login').send({ email: 'support-n1@softwhere.demo', password: DEMO_PASSWORD });
      const before = valueOf(cookieOf(again)!);
      const rotated = valueOf(cookieOf(await request(t.app).post('/api/v1/auth/refresh').set('Cookie', before).send({}))!);
      await ageRotations(again.body.userId);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', before).send({})).status).toBe(401);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', rotated).send({})).status).toBe(401);
    });

    it('a refresh the platform could not serve (database out of reach: 503) keeps the cookie, which refreshes once it is back', async () => {
      const login = await request(t.app).post('/api/v1/auth/login').send({ email: 'manager@softwhere.demo', password: DEMO_PASSWORD });
      const cookie = valueOf(cookieOf(login)!);
      // The same API in front of a PostgreSQL that does not answer (nothing listens on port 1).
      const cut = testContext({ knex: knexFactory(knexConfig('postgres://relais:relais@127.0.0.1:1/relais', 1)) });
      try {
        const failed = await request(cut.app).post('/api/v1/auth/refresh').set('Cookie', cookie).send({});
        expect(failed.status).toBe(503);
        expect(cookieOf(failed)).toBeUndefined();
      } finally {
        await cut.close();
      }
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', cookie).send({})).status).toBe(200);
    });

    it('takes refresh and logout as JSON only, which another site cannot send with the cookie (CSRF)', async () => {
      const cookie = valueOf(cookieOf(await request(t.app).post('/api/v1/auth/login').send({ email: 'support@epic-events.demo', password: DEMO_PASSWORD }))!);
      for (const path of ['/api/v1/auth/refresh', '/api/v1/auth/logout']) {
        const form = await request(t.app).post(path).set('Cookie', cookie).type('form').send('x=1');
        expect([path, form.status]).toEqual([path, 415]);
        const none = await request(t.app).post(path).set('Cookie', cookie);
        expect([path, none.status]).toEqual([path, 415]);
      }
      // The session was not touched: the cookie still refreshes.
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', cookie).send({})).status).toBe(200);
    });

    it('answers API clients that ask for it (tokenTransport "body", or a refresh token sent in the body) in the body, without a cookie', async () => {
      const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: DEMO_PASSWORD, tokenTransport: 'body' });
      expect(res.body.refreshToken).toEqual(expect.any(String));
      expect(cookieOf(res)).toBeUndefined();
      const refreshed = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: res.body.refreshToken });
      expect(refreshed.body.refreshToken).toEqual(expect.any(String));
      expect(cookieOf(refreshed)).toBeUndefined();
      expect((await request(t.app).post('/api/v1/auth/refresh').send({})).status).toBe(401);
    });
  });
});
