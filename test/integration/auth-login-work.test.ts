import request from 'supertest';
import * as passwords from '../../domain/identity/passwords';
import { tenantId, testContext, type TestContext } from '../support/api';

// The real argon2 verification, counted: the test proves the work is done, not how long it takes.
jest.mock('../../domain/identity/passwords', () => {
  const actual = jest.requireActual('../../domain/identity/passwords');
  return { ...actual, verifyPassword: jest.fn(actual.verifyPassword) };
});
const verify = passwords.verifyPassword as jest.MockedFunction<typeof passwords.verifyPassword>;

/** Timing must not tell whether an account exists or is deactivated: every sign-in does the same password work. */
describe('sign-in password work', () => {
  let t: TestContext;
  let email: string;
  beforeAll(async () => {
    t = testContext();
    email = `deactivated-${Date.now()}@example.test`;
    await t.admin('users').insert({
      tenantId: await tenantId(t.admin, 'epic-events'), email, displayName: 'Gone', type: 'internal', active: false,
      passwordHash: await passwords.hashPassword('the-right-password'),
    });
  });
  afterAll(() => t.close());
  beforeEach(() => verify.mockClear());

  it('verifies the password of a deactivated account, as for an active one, and answers the same 401', async () => {
    for (const password of ['the-right-password', 'a-wrong-password']) {
      const res = await request(t.app).post('/api/v1/auth/login').send({ email, password });
      expect(res.status).toBe(401);
    }
    expect(verify).toHaveBeenCalledTimes(2);
    // Against the account's own hash: the work is the same as for an active account.
    expect(verify.mock.calls.every(([hash]) => hash.startsWith('$argon2id$'))).toBe(true);
    const active = await request(t.app).post('/api/v1/auth/login').send({ email: 'sales@epic-events.demo', password: 'a-wrong-password' });
    expect(active.status).toBe(401);
    expect(verify).toHaveBeenCalledTimes(3);
  });

  it('verifies against a dummy hash when the email is unknown', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'nobody-here@example.test', password: 'whatever' });
    expect(res.status).toBe(401);
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
