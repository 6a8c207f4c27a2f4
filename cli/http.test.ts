import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CliError, ExitCode } from './exit-codes';
import { acceptLanguage, Api } from './http';
import { SessionStore } from './session-store';
import { chooseLanguage } from './i18n';

/** The HTTP client against a loopback server that plays the API: tokens, refresh, problems. */
describe('the API client', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  let server: http.Server;
  let url: string;
  let dir: string;
  let refreshes = 0;
  const valid = new Set(['good-access']);
  let currentRefresh = 'refresh-1';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
        const send = (status: number, value: unknown, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(value));
        if (req.url === '/api/v1/auth/refresh') {
          refreshes += 1;
          if (body.refreshToken !== currentRefresh) return send(401, { status: 401, detail: 'Sign in again' }, 'application/problem+json');
          currentRefresh = `refresh-${refreshes + 1}`;
          const access = `access-${refreshes}`;
          valid.add(access);
          return send(200, { accessToken: access, refreshToken: currentRefresh, tokenType: 'Bearer', expiresIn: 900 });
        }
        if (!valid.has(String(req.headers.authorization).replace('Bearer ', ''))) return send(401, { status: 401, detail: 'expired' }, 'application/problem+json');
        if (req.url === '/api/v1/things') return send(200, { items: [] });
        if (req.url === '/api/v1/invalid') {
          return send(400, { type: 'https://relais.dev/problems/validation', status: 400, detail: 'Invalid request: fullName is required', errors: [{ field: 'fullName', message: 'is required' }] }, 'application/problem+json');
        }
        if (req.url === '/api/v1/html') return res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
        return send(404, { status: 404, detail: 'There is no such API endpoint.' }, 'application/problem+json');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-http-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function failure(promise: Promise<unknown>): Promise<CliError> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }

  it('refreshes on a 401, retries, and stores the rotated tokens', async () => {
    const store = new SessionStore(dir);
    store.write({ url, accessToken: 'stale', refreshToken: currentRefresh, email: 'x@y.fr' });
    const api = Api.forStoredSession(store);
    expect((await api.get('/things')).body).toEqual({ items: [] });
    const stored = store.read()!;
    expect(stored.accessToken).toMatch(/^access-/);
    expect(stored.refreshToken).toBe(currentRefresh);
    // The next command uses the stored tokens without refreshing again.
    const before = refreshes;
    await Api.forStoredSession(store).get('/things');
    expect(refreshes).toBe(before);
  });

  it('uses the tokens another command has just refreshed instead of spending its own refresh token', async () => {
    const store = new SessionStore(dir);
    store.write({ url, accessToken: 'stale', refreshToken: currentRefresh, email: 'x@y.fr' });
    const [a, b] = [Api.forStoredSession(store), Api.forStoredSession(store)];
    await Promise.all([a.get('/things'), b.get('/things')]);
    expect(a.currentSession!.refreshToken).toBe(b.currentSession!.refreshToken);
    await Api.forStoredSession(store).get('/things');
  });

  it('says the session is over (exit 3) when the refresh token is refused', async () => {
    const store = new SessionStore(dir);
    store.write({ url, accessToken: 'stale', refreshToken: 'revoked', email: 'x@y.fr' });
    const error = await failure(Api.forStoredSession(store).get('/things'));
    expect(error.exitCode).toBe(ExitCode.NOT_LOGGED_IN);
    expect(error.message).toMatch(/relais login/);
  });

  it('says who is not logged in (exit 3) without a session file', async () => {
    expect(() => Api.forStoredSession(new SessionStore(dir))).toThrow(expect.objectContaining({ exitCode: ExitCode.NOT_LOGGED_IN }));
  });

  it('maps problems to exit codes and names fields by their flags', async () => {
    const api = new Api(url, { url, accessToken: 'good-access', refreshToken: 'r', email: 'x@y.fr' }, undefined);
    const invalid = await failure(api.get('/invalid', { flags: { fullName: '--name' } }));
    expect(invalid).toMatchObject({ exitCode: ExitCode.USAGE, status: 400, problems: [{ field: 'fullName (--name)', message: 'is required' }] });
    expect(await failure(api.get('/nothing-here'))).toMatchObject({ exitCode: ExitCode.NOT_FOUND, message: 'There is no such API endpoint.' });
    const html = await failure(api.get('/html'));
    expect(html.exitCode).toBe(ExitCode.UNEXPECTED);
    expect(html.message).toContain('without a Relais API error: is it the address of the Relais server?');
  });

  it('asks the API for messages in the user\'s language: RELAIS_LANG, else the locale, French by default', () => {
    expect(acceptLanguage({})).toBe('fr');
    expect(acceptLanguage({ LANG: 'C.UTF-8' })).toBe('fr');
    expect(acceptLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(acceptLanguage({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(acceptLanguage({ LANG: 'en_US.UTF-8', LC_ALL: 'fr_FR.UTF-8' })).toBe('fr');
    expect(acceptLanguage({ LANG: 'fr_FR.UTF-8', RELAIS_LANG: 'en' })).toBe('en');
  });

  it('cannot reach a closed port or a silent server: exit 7 with the address', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await failure(new Api(`http://127.0.0.1:${port}`, undefined, undefined).get('/things', { auth: false }));
    expect(refused.exitCode).toBe(ExitCode.UNREACHABLE);
    expect(refused.message).toContain(`Cannot reach the Relais API at http://127.0.0.1:${port} (connection refused`);

    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    process.env.RELAIS_TIMEOUT_MS = '300';
    try {
      const timedOut = await failure(new Api(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, undefined, undefined).get('/things', { auth: false }));
      expect(timedOut.exitCode).toBe(ExitCode.UNREACHABLE);
      expect(timedOut.message).toContain('no answer within 0.3 s');
    } finally {
      delete process.env.RELAIS_TIMEOUT_MS;
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});
