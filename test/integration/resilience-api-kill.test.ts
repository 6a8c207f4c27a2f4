import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { spawnApi, type ApiProcess } from '../support/api-process';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The API's process is killed with SIGKILL in the middle of a burst of
 * creations sent with `Idempotency-Key`: the client sends every request
 * again to a new process, and gets the original answer of each one that was
 * answered (or saved without an answer), never a second record.
 */
const BURST = 60;
const AT_ONCE = 12;

interface Outcome { status: number; body: unknown; replayed: boolean }

describe('the API killed during a burst of idempotent writes', () => {
  let admin: Knex;
  let tenant: OwnTenant;
  let api: ApiProcess | undefined;
  // No Temporal: the API's start-up work (joining Epic Events clients to their process) must not touch other tests' data.
  const env = { TEMPORAL_ADDRESS: '127.0.0.1:1' };

  beforeAll(async () => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    tenant = await createOwnTenant(admin, 'api-kill');
  });
  afterAll(async () => {
    if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    await admin.destroy();
  });

  it('answers every retry with the original answer and writes each record once', async () => {
    api = await spawnApi(env);
    const port = Number(new URL(api.base).port);
    const login = await fetch(`${api.base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('manager', tenant.slug), password: DEMO_PASSWORD, tokenTransport: 'body' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const send = async (base: string, i: number): Promise<Outcome> => {
      const res = await fetch(`${base}/api/v1/accounts`, {
        method: 'POST', body: JSON.stringify({ name: `Rafale ${i}`, city: 'Quimper' }),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `burst-${tenant.slug}-${i}` },
      });
      return { status: res.status, body: await res.json(), replayed: res.headers.get('idempotent-replayed') === 'true' };
    };

    // The burst: AT_ONCE requests in flight at a time; the process is killed once a third are answered.
    const answered = new Map<number, Outcome>();
    const cut: number[] = [];
    let next = 0;
    const doomed = api;
    const lanes = Array.from({ length: AT_ONCE }, async () => {
      while (next < BURST) {
        const i = next++;
        try {
          answered.set(i, await send(doomed.base, i));
          // Killed from here, at once, while the other lanes' requests are in flight.
          if (answered.size === Math.floor(BURST / 3)) doomed.child.kill('SIGKILL');
        } catch {
          cut.push(i);
        }
      }
    });
    await Promise.all(lanes);
    await api.exited;
    expect(cut.length).toBeGreaterThan(0);
    expect([...answered.values()].every((o) => o.status === 201 && !o.replayed)).toBe(true);

    // The client sends the whole burst again, same keys, to a new process at the same address.
    api = await spawnApi(env, port);
    const again = new Map<number, Outcome>();
    for (let i = 0; i < BURST; i++) again.set(i, await send(api.base, i));

    for (const [i, original] of answered) {
      // Answered before the kill: the very same answer, replayed.
      expect(again.get(i)).toEqual({ ...original, replayed: true });
    }
    for (let i = 0; i < BURST; i++) {
      // Cut off (saved or not, the client cannot tell): one 201, the record's own.
      expect(again.get(i)).toMatchObject({ status: 201, body: { name: `Rafale ${i}` } });
    }
    const rows = await admin('accounts').where({ tenantId: tenant.tenantId }).where('name', 'like', 'Rafale %').select('id', 'name');
    expect(rows).toHaveLength(BURST);
    expect(new Set(rows.map((r) => r.name)).size).toBe(BURST);
    expect(rows.map((r) => r.id).sort()).toEqual([...again.values()].map((o) => (o.body as { id: string }).id).sort());
  });
});
