import { NativeConnection } from '@temporalio/worker';
import Ajv2020 from 'ajv/dist/2020';
import type { Knex } from 'knex';
import request from 'supertest';
import { createAuditLogActivities, type AuditChainBreak, type AuditLogVerification } from '../../activities/system/audit-log.activities';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { audit, verifyAuditChain } from '../../domain/identity/audit-log';
import { AUDIT_LOG_VERIFICATION_EVERY, ensureAuditLogSchedule } from '../../worker/audit-log-schedule';
import { loginAs, tenantId, TASK_QUEUE, testContext, userId, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Security events go to an append-only, hash-chained audit_log (DESIGN §3).
 * Whatever this file changes in audit_log it does in a transaction it rolls
 * back, or in a tenant of its own, so the shared log stays intact.
 */
describe('audit log', () => {
  let t: TestContext;
  let softwhere: string;
  let own: OwnTenant;

  beforeAll(async () => {
    t = testContext();
    softwhere = await tenantId(t.admin, 'softwhere');
    own = await createOwnTenant(t.admin, 'audit');
  });
  afterAll(() => t.close());

  const lastId = async (): Promise<number> => Number((await t.admin('auditLog').max<{ max: string | null }[]>('id as max'))[0]!.max ?? 0);
  const verify = (tenant: string) => withTenant({ tenantId: tenant }, (trx) => verifyAuditChain(trx, tenant), t.knex);

  /** Runs `fn` in a transaction that is always rolled back; returns the error it raised, if any. */
  async function attempt(knex: Knex, fn: (trx: Knex.Transaction) => Promise<unknown>): Promise<Error | undefined> {
    const trx = await knex.transaction();
    try {
      await fn(trx);
      return undefined;
    } catch (error) {
      return error as Error;
    } finally {
      await trx.rollback();
    }
  }

  it('writes auth.login for a successful sign-in', async () => {
    const after = await lastId();
    const user = await userId(t.admin, 'support-n2', 'softwhere');
    await loginAs(t.app, 'support-n2', 'softwhere');
    const rows = await t.admin('auditLog').where('id', '>', after).where({ actorUserId: user }).select('action', 'tenantId', 'targetType', 'targetId', 'ip');
    expect(rows).toEqual([{ action: 'auth.login', tenantId: softwhere, targetType: 'user', targetId: user, ip: expect.any(String) }]);
  });

  it('writes auth.login.failed for a wrong password, naming the user, and no auth.login', async () => {
    const after = await lastId();
    const user = await userId(t.admin, 'direction', 'softwhere');
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: demoEmail('direction', 'softwhere'), password: 'not-the-password' });
    expect(res.status).toBe(401);
    const rows = await t.admin('auditLog').where('id', '>', after).where({ targetId: user }).select('action', 'tenantId', 'actorUserId');
    expect(rows).toEqual([{ action: 'auth.login.failed', tenantId: softwhere, actorUserId: null }]);
  });

  it('writes auth.login.failed without a tenant for an unknown email', async () => {
    const after = await lastId();
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'nobody-at-all@nowhere.example', password: 'whatever' });
    expect(res.status).toBe(401);
    const rows = await t.admin('auditLog').where('id', '>', after).whereNull('tenantId').where({ action: 'auth.login.failed' }).select('targetId');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.targetId === null)).toBe(true);
  });

  it('keeps a chain that verifies for the tenant', async () => {
    await loginAs(t.app, 'manager', own.slug);
    await request(t.app).post('/api/v1/auth/login').send({ email: demoEmail('manager', own.slug), password: 'wrong' });
    expect(await t.admin('auditLog').where({ tenantId: own.tenantId }).count<{ count: number }[]>('* as count')).toEqual([{ count: 2 }]);
    expect(await verify(own.tenantId)).toBeNull();
    expect(await verify(softwhere)).toBeNull();
  });

  it('links each row to the previous row of its tenant', async () => {
    for (let i = 0; i < 2; i += 1) await loginAs(t.app, 'support-n1', own.slug);
    const rows = await t.admin('auditLog').where({ tenantId: own.tenantId }).orderBy('id').select('prevHash', 'hash');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE and DELETE even to the table owner', async () => {
    const row = await t.admin('auditLog').where({ tenantId: softwhere }).orderBy('id', 'desc').first('id', 'details');
    const update = await attempt(t.admin, (trx) => trx('auditLog').where({ id: row.id }).update({ details: JSON.stringify({ rewritten: true }) }));
    expect(update?.message).toMatch(/audit_log is append-only/);
    const remove = await attempt(t.admin, (trx) => trx('auditLog').where({ id: row.id }).delete());
    expect(remove?.message).toMatch(/audit_log is append-only/);
    expect(await t.admin('auditLog').where({ id: row.id }).first('id', 'details')).toEqual(row);
  });

  it('does not grant UPDATE or DELETE on audit_log to the application role', async () => {
    const privileges = await t.admin.raw(`select has_table_privilege('relais_app', 'audit_log', 'UPDATE') as "update",
      has_table_privilege('relais_app', 'audit_log', 'DELETE') as "delete", has_table_privilege('relais_app', 'audit_log', 'TRUNCATE') as "truncate",
      has_table_privilege('relais_app', 'audit_log', 'INSERT') as "insert"`);
    expect(privileges.rows[0]).toEqual({ update: false, delete: false, truncate: false, insert: true });
    const row = await t.admin('auditLog').where({ tenantId: softwhere }).orderBy('id', 'desc').first('id');
    const update = await attempt(t.knex, async (trx) => {
      await trx.raw("select set_config('app.tenant_id', ?, true)", [softwhere]);
      await trx('auditLog').where({ id: row.id }).update({ action: 'auth.nothing' });
    });
    expect(update?.message).toMatch(/permission denied for table audit_log/);
    const remove = await attempt(t.knex, async (trx) => {
      await trx.raw("select set_config('app.tenant_id', ?, true)", [softwhere]);
      await trx('auditLog').where({ id: row.id }).delete();
    });
    expect(remove?.message).toMatch(/permission denied for table audit_log/);
  });

  it('reports the id of a row whose details were changed behind the trigger\'s back', async () => {
    for (let i = 0; i < 3; i += 1) await loginAs(t.app, 'sales', own.slug);
    const rows = await t.admin('auditLog').where({ tenantId: own.tenantId }).orderBy('id').select('id', 'details');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const target = rows[rows.length - 2]!;

    const trx = await t.admin.transaction();
    try {
      await trx.raw('alter table audit_log disable trigger audit_log_no_update');
      await trx('auditLog').where({ id: target.id }).update({ details: JSON.stringify({ note: 'nothing happened here' }) });
      await trx.raw("select set_config('app.tenant_id', ?, true)", [own.tenantId]);
      const broken = await trx.raw('select audit_log_verify(?) as broken', [own.tenantId]);
      expect(Number(broken.rows[0].broken)).toBe(Number(target.id));
    } finally {
      await trx.rollback();
    }

    expect(await t.admin('auditLog').where({ id: target.id }).first('details')).toEqual({ details: target.details });
    expect(await verify(own.tenantId)).toBeNull();
    const trigger = await t.admin.raw("select tgenabled from pg_trigger where tgname = 'audit_log_no_update'");
    expect(trigger.rows).toEqual([{ tgenabled: 'O' }]);
  });

  it('keeps the chain valid when a row takes its id while another transaction holds the tenant\'s chain lock', async () => {
    // Interleaving that concurrent sign-ins can produce: B takes the next id, then waits for the
    // chain lock, while A (holding the lock) appends a row with a later id and commits first.
    const race = await createOwnTenant(t.admin, 'audit-race');
    await withTenant({ tenantId: race.tenantId }, (trx) => audit(trx, { tenantId: race.tenantId, action: 'test.first' }), t.knex);
    const holder = await t.admin.transaction();
    let waiter: Promise<void> | undefined;
    try {
      const pid = (await holder.raw('select pg_backend_pid() as pid')).rows[0].pid;
      await holder.raw("select pg_advisory_xact_lock(hashtext('audit_log:' || ?))", [race.tenantId]);
      waiter = withTenant({ tenantId: race.tenantId }, (trx) => audit(trx, { tenantId: race.tenantId, action: 'test.waiter' }), t.knex);
      await untilWaitingOnLockOf(pid);
      await holder('auditLog').insert({ tenantId: race.tenantId, action: 'test.holder', details: '{}', prevHash: '', hash: '' });
      await holder.commit();
    } catch (error) {
      await holder.rollback();
      throw error;
    }
    await waiter;
    const actions = await t.admin('auditLog').where({ tenantId: race.tenantId }).orderBy('id').pluck('action');
    expect(actions).toEqual(['test.first', 'test.holder', 'test.waiter']);
    expect(await verify(race.tenantId)).toBeNull();
  });

  describe('verification by an administrator and on a schedule', () => {
    let tampered: OwnTenant;
    let brokenRowId: number;
    const verification = async (tenant: OwnTenant, role: string) => request(t.app).get('/api/v1/audit-log/verification')
      .set('Authorization', `Bearer ${(await loginAs(t.app, role, tenant.slug)).accessToken}`);

    beforeAll(async () => {
      // A tenant whose log this file breaks for good, as someone with the owner's rights would: the trigger off, a row rewritten.
      tampered = await createOwnTenant(t.admin, 'audit-tampered');
      for (const action of ['test.one', 'test.two', 'test.three']) {
        await withTenant({ tenantId: tampered.tenantId }, (trx) => audit(trx, { tenantId: tampered.tenantId, action }), t.knex);
      }
      brokenRowId = Number((await t.admin('auditLog').where({ tenantId: tampered.tenantId, action: 'test.two' }).first('id')).id);
      await t.admin.transaction(async (trx) => {
        await trx.raw('alter table audit_log disable trigger audit_log_no_update');
        await trx('auditLog').where({ id: brokenRowId }).update({ details: JSON.stringify({ note: 'nothing happened here' }) });
        await trx.raw('alter table audit_log enable trigger audit_log_no_update');
      });
    });

    it('answers an administrator that an intact chain is intact, with the rows checked', async () => {
      await loginAs(t.app, 'support-n1', own.slug);
      const res = await verification(own, 'direction');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ intact: true, rowsChecked: expect.any(Number), firstBroken: null, verifiedAt: expect.any(String) });
      expect(res.body.rowsChecked).toBeGreaterThanOrEqual(2);
    });

    it('names the first broken row of a tampered chain to an administrator', async () => {
      const res = await verification(tampered, 'direction');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ intact: false, firstBroken: { id: brokenRowId, action: 'test.two', at: expect.any(String) } });
    });

    it('refuses the verification to someone who does not manage collaborators, in French', async () => {
      const res = await verification(own, 'manager');
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/^Vérifier le journal d'audit demande la permission identity\.audit-log\.read/);
    });

    it('is described in the OpenAPI document, and its answers (intact, broken) match the described schema', async () => {
      const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
      const get = doc.paths['/api/v1/audit-log/verification'].get;
      expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AuditChainReport' });
      const ajv = new Ajv2020({ strict: false, validateFormats: false });
      const matches = ajv.compile(doc.components.schemas.AuditChainReport);
      for (const tenant of [own, tampered]) {
        const body = (await verification(tenant, 'direction')).body;
        expect({ body, valid: matches(body), errors: matches.errors ?? null }).toEqual({ body, valid: true, errors: null });
      }
      expect(matches({ intact: true, rowsChecked: 1, firstBroken: null })).toBe(false);
    });

    it('the scheduled activity finds the broken chain, alerts with ids only, and leaves intact chains out', async () => {
      const alerts: AuditChainBreak[] = [];
      const found = await createAuditLogActivities({ knex: t.knex, alert: (a) => alerts.push(a) })['system.verifyAuditLog']();
      expect(found.broken).toContainEqual({ tenantId: tampered.tenantId, firstBrokenId: brokenRowId });
      expect(found.broken.map((b) => b.tenantId)).not.toContain(own.tenantId);
      expect(alerts).toEqual(found.broken);
      expect(found.chainsChecked).toBeGreaterThanOrEqual(3);
    });

    it('is scheduled on Temporal every hour; a run of the schedule verifies every chain and reports the break', async () => {
      const client = await t.deps.temporal();
      const scheduleId = `relais/audit-log-verification-test-${process.pid}`;
      const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
      const worker = await engineWorker(connection, TASK_QUEUE, t.knex);
      const running = worker.run();
      const handle = client.schedule.getHandle(scheduleId);
      try {
        await ensureAuditLogSchedule(client, TASK_QUEUE, scheduleId);
        // A second worker starting finds it and brings it up to date instead of failing.
        await ensureAuditLogSchedule(client, TASK_QUEUE, scheduleId);
        const described = await handle.describe();
        expect(described.spec.intervals?.[0]?.every).toBe(60 * 60 * 1000);
        expect(AUDIT_LOG_VERIFICATION_EVERY).toBe('1 hour');
        expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'auditLogVerification', taskQueue: TASK_QUEUE });
        await handle.trigger();
        let workflowId: string | undefined;
        while (!workflowId) {
          workflowId = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
          if (!workflowId) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const result = await client.workflow.getHandle(workflowId).result() as AuditLogVerification;
        expect(result.broken).toContainEqual({ tenantId: tampered.tenantId, firstBrokenId: brokenRowId });
      } finally {
        await handle.delete().catch(() => undefined);
        worker.shutdown();
        await running;
        await connection.close();
      }
    });
  });

  /** Polls pg_locks until some session waits for an advisory lock that session `pid` holds. */
  async function untilWaitingOnLockOf(pid: number): Promise<void> {
    for (;;) {
      const waiting = await t.admin.raw(`select count(*)::int as n from pg_locks w join pg_locks h
        on h.locktype = 'advisory' and h.granted and h.pid = ? and w.classid = h.classid and w.objid = h.objid and w.objsubid = h.objsubid
        where w.locktype = 'advisory' and not w.granted`, [pid]);
      if (waiting.rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
