import type { ErrorEvent } from '@sentry/node';
import { scrub, scrubEvent } from './sentry';

/** What leaves the process for Sentry carries no password, token, cookie or personal data (DESIGN §10). */
describe('scrubEvent', () => {
  const EMAIL = 'jeanne.dupont+crm@mairie-quimper.fr';
  const PHONE = '+33 6 12 34 56 78';
  const NATIONAL_PHONE = '06.12.34.56.78';

  function event(overrides: Partial<ErrorEvent> = {}): ErrorEvent {
    return {
      type: undefined,
      event_id: 'abc123',
      request: {
        method: 'POST',
        url: `https://relais.example/api/v1/contacts?email=${encodeURIComponent(EMAIL)}&page=2`,
        query_string: `email=${encodeURIComponent(EMAIL)}&page=2`,
        data: JSON.stringify({ email: EMAIL, password: 'hunter2-hunter2' }),
        cookies: { session: 'cookie-secret' },
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature', cookie: 'session=cookie-secret', 'user-agent': 'Mozilla/5.0', 'x-request-id': 'req-42' },
      },
      user: { id: 'user-1', email: EMAIL, username: 'jdupont', ip_address: '203.0.113.9' },
      ...overrides,
    };
  }

  it('removes the request body and cookies, redacts the authorization and cookie headers and the query string', () => {
    const out = scrubEvent(event());
    expect(out.request).not.toHaveProperty('data');
    expect(out.request).not.toHaveProperty('cookies');
    expect(out.request!.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'Mozilla/5.0', 'x-request-id': 'req-42' });
    expect(out.request!.query_string).toBe('[redacted]');
    expect(out.request!.url).toBe('https://relais.example/api/v1/contacts');
    expect(out.request!.method).toBe('POST');
  });

  it('keeps only the user id', () => {
    expect(scrubEvent(event()).user).toEqual({ id: 'user-1' });
    expect(scrubEvent(event({ user: { email: EMAIL, ip_address: '203.0.113.9' } })).user).toEqual({});
  });

  it('replaces emails and phone numbers in the message, exception values, extra and breadcrumbs', () => {
    const out = scrubEvent(event({
      message: `Invitation to ${EMAIL} failed`,
      exception: { values: [
        { type: 'Error', value: `SMS to ${PHONE} refused` },
        { type: 'TypeError', value: `cause: ${EMAIL} / ${NATIONAL_PHONE}` },
      ] },
      extra: { note: `call ${NATIONAL_PHONE} or write to ${EMAIL}`, nested: { list: [`${EMAIL}`] } },
      breadcrumbs: [
        { message: `sent to ${EMAIL}`, data: { target: `${PHONE}`, status: 200 } },
        { category: 'http', data: { url: '/api/v1/health', status_code: 200 } },
      ],
    }));
    expect(out.message).toBe('Invitation to [email] failed');
    expect(out.exception!.values!.map((v) => [v.type, v.value])).toEqual([['Error', 'SMS to [phone] refused'], ['TypeError', 'cause: [email] / [phone]']]);
    expect(out.extra).toEqual({ note: 'call [phone] or write to [email]', nested: { list: ['[email]'] } });
    expect(out.breadcrumbs).toEqual([
      { message: 'sent to [email]', data: { target: '[phone]', status: 200 } },
      { category: 'http', data: { url: '/api/v1/health', status_code: 200 } },
    ]);
  });

  it('redacts the values of sensitive keys wherever they sit, and keeps the others', () => {
    const out = scrubEvent(event({
      extra: {
        password: 'hunter2', refreshToken: 'r-token', accessToken: 'a-token', email: 'x', phone: 'y', mobile: 'z',
        lastName: 'Dupont', first_name: 'Jeanne', displayName: 'Jeanne D.', apiKey: 'k', iban: 'FR76…',
        body: { user: { lastName: 'Dupont', password: 'p', accountId: 'acc-1' } },
        accountId: 'acc-1', status: 'active', count: 3,
      },
      contexts: { login: { email: 'x', tenant: 'softwhere' } },
      breadcrumbs: [{ data: { refresh_token: 'r', secret: 's', method: 'POST' } }],
    }));
    expect(out.extra).toEqual({
      password: '[redacted]', refreshToken: '[redacted]', accessToken: '[redacted]', email: '[redacted]', phone: '[redacted]', mobile: '[redacted]',
      lastName: '[redacted]', first_name: '[redacted]', displayName: '[redacted]', apiKey: '[redacted]', iban: '[redacted]',
      body: { user: { lastName: '[redacted]', password: '[redacted]', accountId: 'acc-1' } },
      accountId: 'acc-1', status: 'active', count: 3,
    });
    expect(out.contexts).toEqual({ login: { email: '[redacted]', tenant: 'softwhere' } });
    expect(out.breadcrumbs![0]!.data).toEqual({ refresh_token: '[redacted]', secret: '[redacted]', method: 'POST' });
  });

  it('redacts the query strings that HTTP breadcrumbs record, and URL-encoded emails anywhere', () => {
    const out = scrubEvent(event({
      message: `GET /api/v1/search?q=${encodeURIComponent(EMAIL)} failed`,
      breadcrumbs: [{ category: 'http', data: { url: 'https://sms.example/send', 'url.query': `to=${encodeURIComponent(PHONE)}&key=k`, 'http.query': 'email=x', 'http.request.method': 'GET' } }],
    }));
    expect(out.message).toBe('GET /api/v1/search?q=[email] failed');
    expect(out.breadcrumbs![0]!.data).toEqual({ url: 'https://sms.example/send', 'url.query': '[redacted]', 'http.query': '[redacted]', 'http.request.method': 'GET' });
  });

  it('leaves no trace of any secret in the serialised event', () => {
    const raw = JSON.stringify(scrubEvent(event({ message: `for ${EMAIL}`, extra: { password: 'hunter2-hunter2' } })));
    for (const secret of [EMAIL, encodeURIComponent(EMAIL), 'hunter2', 'cookie-secret', 'eyJhbGciOiJIUzI1NiJ9', '203.0.113.9', 'jdupont']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('keeps an event without request or user as it is', () => {
    const plain: ErrorEvent = { type: undefined, level: 'error', exception: { values: [{ type: 'RangeError', value: 'index 3 out of range' }] } };
    expect(scrubEvent(structuredClone(plain))).toEqual(plain);
  });
});

describe('scrub', () => {
  it('stops at a depth of 8 instead of walking a deep or cyclic structure', () => {
    const cyclic: Record<string, unknown> = { name: 'root' };
    cyclic.self = cyclic;
    const out = scrub(cyclic) as Record<string, unknown>;
    let node = out;
    for (let depth = 0; depth < 9; depth += 1) node = node.self as Record<string, unknown>;
    expect(node).toBe('[truncated]');
  });
});
