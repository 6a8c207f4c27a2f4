import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ownPostgres, type OwnPostgres } from '../support/own-services';
import { until } from '../support/worker-process';

/**
 * PostgreSQL crashes under a load of writes and reads through the API, then
 * comes back: while it is away every request is answered at once with a 503
 * problem+json in French (no hang, no 500, nothing internal), the API serves
 * again by itself once it is back, and every write it acknowledged is there.
 */
type Phase = 'up' | 'crashing' | 'down' | 'restarting' | 'back';
interface Answer { phase: Phase; kind: 'write' | 'read'; status: number; type: string; retryAfter: string | null; body: string }

/** Far above the API's own bounds on waiting for the database (connect 5 s, pool 10 s): a request still unanswered then has hung. */
const HANG_MS = 30_000;

describe('PostgreSQL crashing and restarting under load', () => {
  let own: OwnPostgres;
  let knex: Knex;
  let admin: Knex;
  let t: TestContext;
  let server: Server;
  let base: string;
  let tenant: OwnTenant;
  let token: string;

  beforeAll(async () => {
    own = await ownPostgres(`pg-restart-${process.pid}`);
    admin = knexFactory(knexConfig(own.adminUrl, 2));
    tenant = await createOwnTenant(admin, 'pg-restart');
    // The application's pool with the product's settings, against this PostgreSQL.
    const quiet = () => undefined;
    knex = knexFactory({ ...knexConfig(own.appUrl, 10), log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet } });
    t = testContext({ knex });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('manager', tenant.slug), password: DEMO_PASSWORD, tokenTransport: 'body' }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    server?.close();
    await knex?.destroy();
    await admin?.destroy();
    await t?.close();
    await own?.stop();
  });

  it('answers 503 problem+json at once while it is down, recovers by itself, and keeps every acknowledged write', async () => {
    let phase: Phase = 'up';
    let running = true;
    const answers: Answer[] = [];
    const acknowledged: string[] = [];
    const hung: string[] = [];

    const call = async (kind: 'write' | 'read', init: RequestInit & { path: string }): Promise<void> => {
      const startedIn = phase;
      try {
        const res = await fetch(`${base}${init.path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers }, signal: AbortSignal.timeout(HANG_MS) });
        const body = await res.text();
        answers.push({ phase: startedIn, kind, status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body });
        if (kind === 'write' && res.status === 201) acknowledged.push((JSON.parse(body) as { id: string }).id);
      } catch (error) {
        hung.push(`${kind} started while ${startedIn}: ${(error as Error).name}`);
      }
    };
    const writer = async (w: number) => {
      for (let n = 0; running; n++) await call('write', { path: '/api/v1/accounts', method: 'POST', body: JSON.stringify({ name: `Charge ${w}-${n}` }) });
    };
    const reader = async () => {
      while (running) await call('read', { path: '/api/v1/accounts?limit=20' });
    };
    const loops = [writer(1), writer(2), writer(3), reader(), reader()];
    const count = (p: Phase, kind: 'write' | 'read', status: number) => answers.filter((a) => a.phase === p && a.kind === kind && a.status === status).length;

    await until('writes acknowledged before the crash', async () => (acknowledged.length >= 30 ? true : undefined));
    phase = 'crashing';
    await own.crash();
    phase = 'down';
    // Requests sent after the crash, writes and reads, are answered (503), not left waiting.
    await until('answers while PostgreSQL is down', async () => (count('down', 'write', 503) >= 10 && count('down', 'read', 503) >= 10 ? true : undefined));
    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'down', database: { status: 'down' } });
    const english = await fetch(`${base}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
    expect(english.status).toBe(503);
    expect(await english.json()).toMatchObject({ title: 'Service unavailable', detail: expect.stringContaining('database cannot be reached') });

    phase = 'restarting';
    await own.start();
    phase = 'back';
    // The same API process, untouched: its pool reconnects by itself.
    await until('writes and reads to succeed again', async () => (count('back', 'write', 201) >= 5 && count('back', 'read', 200) >= 5 ? true : undefined));
    running = false;
    await Promise.all(loops);

    expect(hung).toEqual([]);
    // Success, or the database's 503: never a 500, never anything else.
    expect(answers.filter((a) => ![200, 201, 503].includes(a.status)).map((a) => `${a.kind} ${a.status} ${a.body}`)).toEqual([]);
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.type).toMatch(/^application\/problem\+json/);
      expect(a.retryAfter).toBe('5');
      expect(JSON.parse(a.body)).toMatchObject({
        type: 'https://relais.dev/problems/database-unavailable', title: 'Service indisponible', status: 503,
        code: 'error.database-unavailable', detail: expect.stringContaining('La base de données est momentanément injoignable'),
      });
      expect(a.body).not.toMatch(/ECONNREFUSED|57P0|postgres|127\.0\.0\.1|terminat|\n\s+at /i);
    }
    // Requests started while it was down were all refused: nothing is served from nowhere.
    expect(answers.filter((a) => a.phase === 'down' && a.status !== 503)).toEqual([]);

    // Every write acknowledged with 201 is in the database after the crash.
    const found = await admin('accounts').where({ tenantId: tenant.tenantId }).whereIn('id', acknowledged).count<{ count: number }[]>('* as count');
    expect(found[0]!.count).toBe(acknowledged.length);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  });
});
