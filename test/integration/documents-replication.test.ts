import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { createBackupActivities } from '../../activities/backup/backup.activities';
import { backupConfig, type BackupConfig } from '../../activities/backup/backup.settings';
import type { ReplicationRun } from '../../domain/backup/documents-replication';
import { directoryBackupStore } from '../../integrations/storage/directory.backup-store';
import { BACKUP_WORKFLOW } from '../../workflows/backup/backup.contract';
import { ensureDocumentsReplicationSchedule } from '../../worker/backup-schedule';
import { loginAs, TASK_QUEUE, tenantId, testContext, userId, type TestContext } from '../support/api';
import { testDataConverter, workflowBundle } from '../support/engine';

/**
 * The documents replicated to the second site (issue 15, ADR 0031): a document uploaded on the
 * primary is served by the second site's API once a replication run copied it (read back, SHA-256
 * compared); while the second site's directory is out of reach (an unmounted share: the link cut)
 * the run records the error and the pending file, the lag is shown beside the database's, and the
 * run after the reconnection catches up. An erased file leaves the replica too. The second site's
 * database is the streaming replica (test/integration/replication.test.ts); both APIs read the
 * run's database here.
 */
describe('documents replicated to the second site', () => {
  const root = path.join(process.env.RELAIS_DATA_DIR!, `documents-replication-${process.pid}`);
  const primaryDir = path.join(root, 'primary');
  const replicaDocuments = path.join(root, 'replica', 'documents');
  let primary: TestContext;
  let replica: TestContext;
  let token: string;
  let accountId: string;
  let replicate: () => Promise<ReplicationRun | null>;
  let config: BackupConfig;
  const target = directoryBackupStore(replicaDocuments, { mustExist: true });

  const upload = async (text: string) => {
    const res = await request(primary.app).post(`/api/v1/accounts/${accountId}/documents`).set('Authorization', `Bearer ${token}`)
      .attach('file', Buffer.from(text), { filename: 'bail signé.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const download = (api: TestContext, id: string) => request(api.app).get(`/api/v1/documents/${id}/content`).set('Authorization', `Bearer ${token}`)
    .buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
  const health = async () => (await request(primary.app).get('/api/v1/health')).body.documents;

  beforeAll(async () => {
    fs.mkdirSync(replicaDocuments, { recursive: true });
    primary = testContext({ dataDir: primaryDir });
    replica = testContext({ dataDir: path.join(root, 'replica') });
    const tenant = await tenantId(primary.admin, 'epic-events');
    const [row] = await primary.admin('accounts').insert({
      tenantId: tenant, number: 7_000_000 + Math.floor(Math.random() * 1_000_000), name: 'Réplique SARL', ownerId: await userId(primary.admin, 'sales', 'epic-events'),
    }).returning('id');
    accountId = row.id;
    token = (await loginAs(primary.app, 'sales', 'epic-events')).accessToken;
    const base = backupConfig();
    config = { ...base, dataDir: primaryDir, documentsReplica: { source: path.join(primaryDir, 'documents'), target } };
    const activities = createBackupActivities({ knex: primary.knex, sendMail: async () => { throw new Error('no mail in this test'); }, config: () => config });
    replicate = () => activities['backup.documents.replicate']();
  });
  afterAll(async () => {
    await primary.admin('documentsReplication').where({ location: target.location }).delete();
    await primary.close();
    await replica.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves on the second site a document uploaded on the primary once replicated, shows the lag, and catches up after a cut', async () => {
    const first = await upload('%PDF-1.4 bail, première version\n');
    // Its row is on the second site (streaming replication), its file not yet: a French 503, not a 500.
    const early = await download(replica, first).set('Accept-Language', 'fr');
    expect(early.status).toBe(503);
    expect(early.body.toString()).toContain('pas (encore) sur ce site');
    const run = await replicate();
    expect(run).toMatchObject({ location: target.location, copied: 1, pendingFiles: 0, error: null, files: 1 });
    const served = await download(replica, first);
    expect(served.status).toBe(200);
    expect((served.body as Buffer).toString()).toBe('%PDF-1.4 bail, première version\n');
    expect(await health()).toMatchObject({ pendingFiles: 0, lagSeconds: 0, error: null, files: 1 });
    expect(await replicate()).toMatchObject({ copied: 0, pendingFiles: 0 });

    // The link cut: the second site's share is not mounted any more.
    fs.renameSync(replicaDocuments, `${replicaDocuments}.cut`);
    const second = await upload('%PDF-1.4 avenant au bail\n');
    const cut = await replicate();
    expect(cut).toMatchObject({ copied: 0, pendingFiles: 1, files: 1 });
    expect(cut!.error).toContain('out of reach');
    expect(cut!.oldestPendingAt).not.toBeNull();
    const behind = await health();
    expect(behind).toMatchObject({ pendingFiles: 1, files: 1, error: expect.stringContaining('out of reach') });
    expect(behind.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(behind.lastSuccessAt < behind.lastRunAt).toBe(true);

    // Reconnected: the next run copies what is pending, and the second site serves it.
    fs.renameSync(`${replicaDocuments}.cut`, replicaDocuments);
    expect(await replicate()).toMatchObject({ copied: 1, pendingFiles: 0, error: null, files: 2 });
    const after = await download(replica, second);
    expect(after.status).toBe(200);
    expect((after.body as Buffer).toString()).toBe('%PDF-1.4 avenant au bail\n');
    expect(await health()).toMatchObject({ pendingFiles: 0, lagSeconds: 0, error: null });

    // A file damaged on the replica is copied again (its size differs from the index's).
    const key = (await primary.admin('documents').where({ id: first }).first('storageKey')).storageKey as string;
    fs.writeFileSync(path.join(replicaDocuments, key), 'abîmé');
    expect(await replicate()).toMatchObject({ copied: 1, pendingFiles: 0 });
    expect(fs.readFileSync(path.join(replicaDocuments, key), 'utf8')).toBe('%PDF-1.4 bail, première version\n');

    // Erased on the primary (GDPR erasure, retention): gone from the replica at the next run.
    fs.rmSync(path.join(primaryDir, 'documents', key));
    expect(await replicate()).toMatchObject({ removed: 1, files: 1, pendingFiles: 0 });
    expect(fs.existsSync(path.join(replicaDocuments, key))).toBe(false);
  });

  it('runs as the schedule\'s workflow on the worker, and the schedule exists only while a replica is configured', async () => {
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const client = new Client({ connection, dataConverter: testDataConverter(primary.knex) });
      const scheduleId = `${TASK_QUEUE}/documents-replication`;
      await ensureDocumentsReplicationSchedule(client, TASK_QUEUE, true, scheduleId);
      expect((await client.schedule.getHandle(scheduleId).describe()).action).toMatchObject({ workflowType: BACKUP_WORKFLOW.documents });
      await ensureDocumentsReplicationSchedule(client, TASK_QUEUE, false, scheduleId);
      await expect(client.schedule.getHandle(scheduleId).describe()).rejects.toThrow();
      await ensureDocumentsReplicationSchedule(client, TASK_QUEUE, false, scheduleId);

      const queue = `${TASK_QUEUE}-documents-replication`;
      const base = createActivities({ knex: primary.knex, loadPlan: async () => undefined });
      const worker = await Worker.create({
        connection, taskQueue: queue, workflowBundle: await workflowBundle(), dataConverter: testDataConverter(primary.knex),
        activities: { ...base, ...createBackupActivities({ knex: primary.knex, sendMail: base['comms.mail.send'], config: () => config }) },
      });
      await upload('%PDF-1.4 annexe\n');
      const run = await worker.runUntil(client.workflow.execute(BACKUP_WORKFLOW.documents, { workflowId: `documents-replication-${process.pid}`, taskQueue: queue, args: [] }));
      expect(run).toEqual({ copied: 1, pendingFiles: 0, error: null });
    } finally {
      await connection.close();
    }
  });
});
