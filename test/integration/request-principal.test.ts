import knexFactory from 'knex';
import request from 'supertest';
import { knexConfig } from '../../db/knexfile';
import { withTenant, withTenantReading } from '../../db/tenant-scope';
import { hashPassword } from '../../domain/identity/passwords';
import { tenantId, testContext, type TestContext } from '../support/api';

/**
 * Every authenticated request opens its row-level security context, checks
 * its session (user active, access token not revoked) and reads the tenant's
 * principal version in the statement it sends with BEGIN; the principal and
 * its CASL ability are rebuilt only when that version changed (ADR 0012).
 */
describe('the principal of a request', () => {
  let t: TestContext;
  let tenant: string;
  let roleId: string;
  let session: { accessToken: string; refreshToken: string };
  const password = 'principal-cache-1';
  const accounts = () => request(t.app).get('/api/v1/accounts?limit=5').set('Authorization', `Bearer ${session.accessToken}`);

  beforeAll(async () => {
    t = testContext();
    tenant = await tenantId(t.admin, 'softwhere');
    const stamp = Date.now();
    [{ id: roleId }] = await t.admin('roles').insert({ tenantId: tenant, key: `cache-probe-${stamp}`, labelFr: 'Sonde', labelEn: 'Probe' }).returning('id');
    await t.admin('permissionGrants').insert({ tenantId: tenant, roleId, permission: 'core.account.read', scope: 'all' });
    const email = `cache-probe-${stamp}@example.test`;
    const [user] = await t.admin('users').insert({ tenantId: tenant, email, displayName: 'Sonde', type: 'internal', passwordHash: await hashPassword(password) }).returning('id');
    await t.admin('userRoles').insert({ tenantId: tenant, userId: user.id, roleId });
    const login = await request(t.app).post('/api/v1/auth/login').send({ email, password, tokenTransport: 'body' });
    expect(login.status).toBe(200);
    session = login.body;
  });
  afterAll(() => t.close());

  it('sends three statements for a list: BEGIN with the context and the session check, the query, COMMIT', async () => {
    expect((await accounts()).status).toBe(200);
    const sent: string[] = [];
    const onQuery = (q: { sql: string }) => sent.push(q.sql);
    t.knex.on('query', onQuery);
    try {
      expect((await accounts()).status).toBe(200);
    } finally {
      t.knex.off('query', onQuery);
    }
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^BEGIN; select set_config\('app\.tenant_id', .*principal_version\(/);
    expect(sent[1]).toMatch(/from "accounts"/);
    expect(sent[2]).toMatch(/^COMMIT/);
  });

  it('sees a grant taken from the role, then given back, at the next request', async () => {
    expect((await accounts()).status).toBe(200);
    await t.admin('permissionGrants').where({ roleId, permission: 'core.account.read' }).delete();
    expect((await accounts()).status).toBe(403);
    await t.admin('permissionGrants').insert({ tenantId: tenant, roleId, permission: 'core.account.read', scope: 'all' });
    expect((await accounts()).status).toBe(200);
  });

  it('sees a role taken from the user, and a narrowed scope, at the next request', async () => {
    const userId = (await t.admin('userRoles').where({ roleId }).first('userId')).userId as string;
    await t.admin('permissionGrants').where({ roleId, permission: 'core.account.read' }).update({ scope: 'own' });
    const own = await accounts();
    expect(own.status).toBe(200);
    // The probe owns no account: with the scope narrowed to its own, the list is empty.
    expect(own.body.items).toEqual([]);
    await t.admin('permissionGrants').where({ roleId, permission: 'core.account.read' }).update({ scope: 'all' });
    expect((await accounts()).body.items).toHaveLength(5);
    await t.admin('userRoles').where({ roleId, userId }).delete();
    expect((await accounts()).status).toBe(403);
    await t.admin('userRoles').insert({ tenantId: tenant, userId, roleId });
    expect((await accounts()).status).toBe(200);
  });

  it('refuses the user deactivated since the previous request, then their token revoked at logout, at once', async () => {
    expect((await accounts()).status).toBe(200);
    const userId = (await t.admin('userRoles').where({ roleId }).first('userId')).userId as string;
    await t.admin('users').where({ id: userId }).update({ active: false });
    expect((await accounts()).status).toBe(401);
    await t.admin('users').where({ id: userId }).update({ active: true });
    expect((await accounts()).status).toBe(200);
    const out = await request(t.app).post('/api/v1/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).send({ refreshToken: session.refreshToken });
    expect(out.status).toBe(204);
    const after = await accounts();
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/session est terminée/);
  });

  it('rolls back when the statement sent with BEGIN fails: the pooled connection serves the next transaction cleanly', async () => {
    const single = knexFactory(knexConfig(process.env.DATABASE_URL!, 1));
    try {
      await expect(withTenantReading({ tenantId: tenant }, { sql: '1 / ?', bindings: [0] }, async () => 'never', single)).rejects.toThrow(/division by zero/);
      const seen = await withTenant({ tenantId: tenant }, async (trx) => (await trx.raw("select current_setting('app.tenant_id', true) as t")).rows[0].t, single);
      expect(seen).toBe(tenant);
      // Outside any transaction the failed one left nothing behind: no open transaction, no tenant.
      const after = (await single.raw("select current_setting('app.tenant_id', true) as t, now() = statement_timestamp() as fresh")).rows[0];
      expect(after).toEqual({ t: '', fresh: true });
    } finally {
      await single.destroy();
    }
  });
});
