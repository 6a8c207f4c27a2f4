import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { parseEnv } from '../../config/env';
import { apiSessionLimits } from '../../db/connection';
import { knexConfig, type SessionLimits } from '../../db/knexfile';
import { allowLongStatements } from '../../db/session-limits';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * No statement of the API runs forever: its pool opens each session with a
 * statement timeout and an idle-in-transaction timeout (db/knexfile.ts), a
 * statement cancelled at the bound answers 503 problem+json in French with
 * Retry-After (never 500), and a known-long step raises the bound for its own
 * transaction only. Here the bound is 2 s, and the slow statement is an update
 * waiting on a row this test holds locked.
 */
const LIMITS: SessionLimits = { statementTimeoutMs: 2_000, idleInTransactionTimeoutMs: 30_000 };

describe('the API\'s bounds on its PostgreSQL sessions', () => {
  let knex: Knex;
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  const api = (method: 'get' | 'post' | 'patch', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 3, LIMITS));
    t = testContext({ knex });
    tenant = await createOwnTenant(t.admin, 'db-timeouts');
    token = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
  });

  afterAll(async () => {
    await knex?.destroy();
    await t?.close();
  });

  it('opens the API\'s sessions with both bounds (15 s and 60 s unless configured), and the owner\'s (migrations) with none', async () => {
    expect(apiSessionLimits(parseEnv({}))).toEqual({ statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 60_000 });
    expect(apiSessionLimits(parseEnv({ RELAIS_DB_STATEMENT_TIMEOUT_MS: '0' })).statementTimeoutMs).toBe(0);
    const settings = "select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle";
    expect((await knex.raw(settings)).rows).toEqual([{ statement: '2s', idle: '30s' }]);
    expect((await t.admin.raw(settings)).rows).toEqual([{ statement: '0', idle: '0' }]);
  });

  it('answers a statement cancelled at the bound with 503 problem+json in French and Retry-After, and changes nothing', async () => {
    const created = await api('post', '/api/v1/accounts').send({ name: 'Verrou SARL' });
    expect(created.status).toBe(201);
    const { id, version } = created.body;
    const hold = await t.admin.transaction();
    let res: request.Response;
    try {
      await hold('accounts').where({ id }).forUpdate();
      // The update waits on the held row until PostgreSQL cancels it.
      res = await api('patch', `/api/v1/accounts/${id}`).set('If-Match', `"${version}"`).send({ name: 'Jamais écrit' });
    } finally {
      await hold.rollback();
    }
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({
      type: 'https://relais.dev/problems/database-timeout', title: 'Service indisponible', status: 503, code: 'error.database-timeout',
      detail: expect.stringContaining('La base de données a mis trop de temps à répondre'),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/statement|canceling|57014/i);
    const after = await api('get', `/api/v1/accounts/${id}`);
    expect(after.body).toMatchObject({ name: 'Verrou SARL', version });
    // Once the row is free, the same request goes through.
    const again = await api('patch', `/api/v1/accounts/${id}`).set('If-Match', `"${version}"`).send({ name: 'Écrit' });
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('Écrit');
  });

  it('lets a known-long step run past the bound in its own transaction only', async () => {
    const one = knexFactory(knexConfig(process.env.DATABASE_URL!, 1, LIMITS));
    try {
      // Past the bound, a statement is cancelled…
      await expect(one.raw('select pg_sleep(2.5)')).rejects.toMatchObject({ code: '57014' });
      // …unless its transaction raised it (SET LOCAL)…
      await one.transaction(async (trx) => {
        await allowLongStatements(trx, 20_000);
        expect((await trx.raw("select current_setting('statement_timeout') as s")).rows).toEqual([{ s: '20s' }]);
        await trx.raw('select pg_sleep(2.5)');
      });
      // …and the same connection (the pool has one) is back at the bound after it.
      expect((await one.raw("select current_setting('statement_timeout') as s")).rows).toEqual([{ s: '2s' }]);
    } finally {
      await one.destroy();
    }
  });
});
