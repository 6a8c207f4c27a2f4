import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { knexConfig } from '../../db/knexfile';
import { lsnBytes, ReplicaReads } from '../../db/replica-reads';
import { freePort } from '../../scripts/services/ports';
import { createStandby, promoteStandby, REPLICATION_ROLE, startStandby, type StandbyHandle } from '../../scripts/services/replica';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ownPostgres, type OwnPostgres } from '../support/own-services';
import { until } from '../support/worker-process';

/**
 * The second site (issue 15, ADR 0021) on two embedded PostgreSQL instances: a primary of this
 * file's own and a hot standby made from it by scripts/services/replica.ts, streaming through a
 * replication slot. Proves that writes reach the replica, that the API reads lists from it only
 * when allowed, and that a cut (the link refused, then the replica stopped) heals by itself.
 */
describe('streaming replication to the second site', () => {
  let own: OwnPostgres;
  let standby: StandbyHandle;
  let replicaPort: number;
  let dataDir: string;
  let admin: Knex;
  let replicaAdmin: Knex;
  let knex: Knex;
  let replicaKnex: Knex;
  let reads: ReplicaReads;
  let t: TestContext;
  let tenant: OwnTenant;
  let manager: string;
  let direction: string;
  let replicaQueries = 0;
  const quiet = () => undefined;
  const log = { warn: quiet, error: quiet, debug: quiet, deprecate: quiet };
  const withPort = (url: string, port: number) => { const u = new URL(url); u.port = String(port); return u.toString(); };

  const primaryLsn = async () => (await admin.raw<{ rows: Array<{ lsn: string }> }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn;
  const replayLsn = async () => (await replicaAdmin.raw<{ rows: Array<{ lsn: string }> }>('select pg_last_wal_replay_lsn()::text as lsn')).rows[0]!.lsn;
  /** Waits (polling) until the replica has replayed everything the primary had written when called. */
  const caughtUp = async () => {
    const target = lsnBytes(await primaryLsn());
    return until('the replica replays up to the primary', async () => (lsnBytes(await replayLsn()) >= target ? true : undefined), 60_000);
  };
  /** The tenant's accounts and the probe's rows: how many, and a digest of every row in a stable order. */
  const accounts = async (on: Knex) => (await on.raw<{ rows: Array<{ n: number; digest: string; probes: number; probeDigest: string }> }>(
    `select (select count(*)::int from accounts where tenant_id = ?) as n,
       (select md5(coalesce(string_agg(a::text, '|' order by a.id), '')) from accounts a where tenant_id = ?) as digest,
       (select count(*)::int from replication_probe) as probes,
       (select md5(coalesce(string_agg(p::text, '|' order by p.id), '')) from replication_probe p) as "probeDigest"`,
    [tenant.tenantId, tenant.tenantId])).rows[0]!;
  const probe = (note: string) => admin('replication_probe').insert({ note });
  const listAs = (token: string) => request(t.app).get('/api/v1/accounts?limit=200').set('authorization', `Bearer ${token}`);
  const createAs = (token: string, name: string) => request(t.app).post('/api/v1/accounts').set('authorization', `Bearer ${token}`).send({ name });
  const names = (res: request.Response) => (res.body as { items: Array<{ name: string }> }).items.map((i) => i.name);
  /** How many statements a call sent to the replica. */
  const onReplica = async <T>(call: () => Promise<T>): Promise<{ result: T; statements: number }> => {
    const before = replicaQueries;
    const result = await call();
    return { result, statements: replicaQueries - before };
  };

  beforeAll(async () => {
    own = await ownPostgres(`replication-${process.pid}`);
    admin = knexFactory({ ...knexConfig(own.adminUrl, 2), log });
    tenant = await createOwnTenant(admin, 'replication');
    // Rows written straight on the primary, beside the accounts the API writes.
    await admin.raw('create table replication_probe (id serial primary key, note text not null)');
    dataDir = path.join(process.env.RELAIS_DATA_DIR!, `replication-${process.pid}-standby`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await createStandby({ primaryAdminUrl: own.adminUrl, dataDir, replicationPassword: crypto.randomBytes(12).toString('hex') });
    replicaPort = await freePort();
    standby = await startStandby({ dataDir, port: replicaPort });
    replicaAdmin = knexFactory({ ...knexConfig(withPort(own.adminUrl, replicaPort), 2), log });
    knex = knexFactory({ ...knexConfig(own.appUrl, 5), log });
    replicaKnex = knexFactory({ ...knexConfig(withPort(own.appUrl, replicaPort), 5), log });
    // The requests' statements, not the monitor's measures.
    replicaKnex.on('query', (q: { sql: string }) => { if (!q.sql.includes('pg_is_in_recovery')) replicaQueries += 1; });
    reads = new ReplicaReads(knex, replicaKnex, { maxLagSeconds: 3_600, sampleMs: 100 }).start();
    t = testContext({ knex, replica: reads });
    manager = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    direction = (await loginAs(t.app, 'direction', tenant.slug)).accessToken;
  });

  afterAll(async () => {
    await reads?.close();
    await replicaKnex?.destroy();
    await replicaAdmin?.destroy();
    await admin?.destroy();
    await t?.close();
    await standby?.stop();
    await own?.stop();
  });

  it('replays a write of the primary on the replica, where it is read once the measured replay position passes it', async () => {
    await probe('Écrit sur le site principal');
    const written = lsnBytes(await primaryLsn());
    const measured = await until('the monitor measures the write replayed', async () => {
      const status = await reads.sample();
      return status.replayLsn && lsnBytes(status.replayLsn) >= written ? status : undefined;
    });
    expect(measured.status).toBe('up');
    expect(typeof measured.lagSeconds).toBe('number');
    expect(typeof measured.lagBytes).toBe('number');
    expect(measured.slots).toEqual([expect.objectContaining({ name: 'relais_replica', active: true })]);
    expect(await accounts(replicaAdmin)).toEqual(await accounts(admin));
  });

  it('serves lists from the replica, except to a person whose own write it has not replayed yet', async () => {
    await caughtUp();
    await until('the monitor sees the replica caught up', async () => ((await reads.sample()).lagBytes === 0 ? true : undefined));
    const before = await onReplica(() => listAs(direction));
    expect(before.result.status).toBe(200);
    expect(before.statements).toBeGreaterThan(0);

    // The replica stops replaying (it still receives): what follows is on the primary only.
    await replicaAdmin.raw('select pg_wal_replay_pause()');
    const name = `Écrit pendant la pause ${crypto.randomBytes(3).toString('hex')}`;
    try {
      expect((await createAs(manager, name)).status).toBe(201);
      const own = await onReplica(() => listAs(manager));
      expect(own.result.status).toBe(200);
      expect(names(own.result)).toContain(name);
      expect(own.statements).toBe(0);

      // Someone else, who did not write, reads the replica as it stands: without the account yet.
      await reads.sample();
      const other = await onReplica(() => listAs(direction));
      expect(other.result.status).toBe(200);
      expect(other.statements).toBeGreaterThan(0);
      expect(names(other.result)).not.toContain(name);

      // The same replica with no lag allowed: as soon as it is measured behind, everyone reads the primary.
      const strict = new ReplicaReads(knex, replicaKnex, { maxLagSeconds: 0 });
      await until('the strict monitor measures the replica behind', async () => ((await strict.sample()).status === 'lagging' ? true : undefined));
      const strictApp = testContext({ knex, replica: strict });
      const fallback = await onReplica(() => request(strictApp.app).get('/api/v1/accounts?limit=200').set('authorization', `Bearer ${direction}`));
      expect(fallback.result.status).toBe(200);
      expect(names(fallback.result)).toContain(name);
      expect(fallback.statements).toBe(0);
      await strictApp.close();
    } finally {
      await replicaAdmin.raw('select pg_wal_replay_resume()');
    }

    // Replayed: the writer's reads go to the replica again, and find their account there.
    await caughtUp();
    await until('the monitor sees the write replayed', async () => ((await reads.sample()).lagBytes === 0 ? true : undefined));
    const after = await onReplica(() => listAs(manager));
    expect(after.statements).toBeGreaterThan(0);
    expect(names(after.result)).toContain(name);
  });

  it('resynchronises by itself after the link is cut and restored, the slot keeping the WAL meanwhile', async () => {
    // Cut: the replication role refused, its connection ended; the replica keeps running and retrying.
    await admin.raw(`alter role ${REPLICATION_ROLE} nologin`);
    await admin.raw("select pg_terminate_backend(pid) from pg_stat_replication where application_name = 'relais_replica'");
    await until('the slot is left without its standby', async () => {
      const { rows } = await admin.raw<{ rows: Array<{ active: boolean }> }>("select active from pg_replication_slots where slot_name = 'relais_replica'");
      return rows[0]!.active ? undefined : true;
    });
    for (let i = 0; i < 20; i++) await probe(`Pendant la coupure ${i}`);
    const during = await reads.sample();
    expect(during.slots[0]).toEqual(expect.objectContaining({ active: false, walStatus: 'reserved' }));
    expect(during.slots[0]!.retainedBytes).toBeGreaterThan(0);
    expect(during.lagBytes).toBeGreaterThan(0);
    expect((await accounts(replicaAdmin)).probes).toBeLessThan((await accounts(admin)).probes);

    // Restored: the standby reconnects by itself and converges.
    await admin.raw(`alter role ${REPLICATION_ROLE} login`);
    await caughtUp();
    expect(await accounts(replicaAdmin)).toEqual(await accounts(admin));
    const health = await request(t.app).get('/api/v1/health');
    expect(health.body.replica).toEqual(expect.objectContaining({ maxLagSeconds: 3_600 }));
    expect(typeof health.body.replica.lagSeconds).toBe('number');
  });

  it('keeps answering from the primary while the replica is stopped, and converges to the same rows and position once it is back', async () => {
    await standby.stop();
    const down = await until('the monitor sees the replica down', async () => {
      const status = await reads.sample();
      return status.status === 'down' ? status : undefined;
    });
    expect(down.error).toMatch(/^replica:/);
    const name = `Pendant l'arrêt ${crypto.randomBytes(3).toString('hex')}`;
    expect((await createAs(manager, name)).status).toBe(201);
    for (let i = 0; i < 20; i++) await probe(`Arrêt ${i}`);
    const whileDown = await listAs(direction);
    expect(whileDown.status).toBe(200);
    expect(names(whileDown)).toContain(name);

    standby = await startStandby({ dataDir, port: replicaPort });
    // Nothing writes any more: the replica reaches the primary's very position, with the same rows.
    const same = await until('the replica replays to the primary\'s position', async () => {
      const [replayed, written] = [await replayLsn(), await primaryLsn()];
      return replayed === written ? replayed : undefined;
    });
    expect(lsnBytes(same)).toBeGreaterThan(lsnBytes(down.primaryLsn!));
    expect(await accounts(replicaAdmin)).toEqual(await accounts(admin));
    const back = await until('the monitor serves reads from the replica again', async () => ((await reads.sample()).status === 'up' ? true : undefined));
    expect(back).toBe(true);
  });

  it('serves lists from the replica, as of its last replay, when the primary is out of reach', async () => {
    await caughtUp();
    const expected = names(await listAs(direction));
    await own.stop();
    const isolated = await until('the monitor sees the primary gone', async () => {
      const status = await reads.sample();
      return status.status === 'isolated' ? status : undefined;
    });
    expect(isolated.error).toMatch(/^primary:/);
    const list = await onReplica(() => listAs(direction));
    expect(list.result.status).toBe(200);
    expect(list.statements).toBeGreaterThan(0);
    expect(names(list.result)).toEqual(expected);
    // A write needs the primary: the API says so, in French, with a 503.
    const write = await createAs(direction, 'Pendant l’isolement');
    expect(write.status).toBe(503);
  });

  it('promotes the replica when the primary is lost, and re-attaches the old site as its standby, made again from it', async () => {
    // PRA scenario 4 (docs/runbooks/pra-pca.md): the primary stays down (stopped by the test before), the replica is promoted.
    await promoteStandby(withPort(own.adminUrl, replicaPort));
    expect((await replicaAdmin.raw<{ rows: Array<{ r: boolean }> }>('select pg_is_in_recovery() as r')).rows[0]!.r).toBe(false);
    const promoted = await reads.sample();
    expect(promoted.status).toBe('down');
    await replicaAdmin('replication_probe').insert({ note: 'Écrit sur le site promu' });

    // The old site comes back as a standby of the new primary, from a base backup of it (its own data set aside).
    const againDir = `${dataDir}-old-site`;
    fs.rmSync(againDir, { recursive: true, force: true });
    await createStandby({ primaryAdminUrl: withPort(own.adminUrl, replicaPort), dataDir: againDir, replicationPassword: crypto.randomBytes(12).toString('hex') });
    const againPort = await freePort();
    const again = await startStandby({ dataDir: againDir, port: againPort });
    const oldSite = knexFactory({ ...knexConfig(withPort(own.adminUrl, againPort), 2), log });
    try {
      await replicaAdmin('replication_probe').insert({ note: 'Écrit après le rattachement' });
      const written = lsnBytes((await replicaAdmin.raw<{ rows: Array<{ lsn: string }> }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn);
      await until('the old site replays the new primary', async () => {
        const { rows } = await oldSite.raw<{ rows: Array<{ lsn: string }> }>('select pg_last_wal_replay_lsn()::text as lsn');
        return lsnBytes(rows[0]!.lsn) >= written ? true : undefined;
      });
      expect(await accounts(oldSite)).toEqual(await accounts(replicaAdmin));
      expect((await oldSite.raw<{ rows: Array<{ r: boolean }> }>('select pg_is_in_recovery() as r')).rows[0]!.r).toBe(true);
    } finally {
      await oldSite.destroy();
      await again.stop();
    }
  });
});
