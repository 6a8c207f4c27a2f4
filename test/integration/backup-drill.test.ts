import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { createBackupActivities } from '../../activities/backup/backup.activities';
import { backupConfig, type BackupConfig } from '../../activities/backup/backup.settings';
import { backupName, rotateBackups } from '../../domain/backup/backup-service';
import { directoryBackupStore } from '../../integrations/storage/directory.backup-store';
import { BACKUP_WORKFLOW, backupDrillWorkflowId } from '../../workflows/backup/backup.contract';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker, testDataConverter, workflowBundle } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Backups on the real embedded PostgreSQL and the real Temporal (issue 15, ADR 0020). The
 * platform's database is backed up ONCE here (the demo dataset is small, but not free); the
 * corrupted-file drill works on a copy of that set, the rotation on empty sets.
 */
describe('backups and the restore drill', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let own: OwnTenant;
  let config: BackupConfig;
  let taken: { name: string; sizeBytes: number };
  const scratch = path.join(process.env.RELAIS_DATA_DIR!, `backup-test-${process.pid}`);

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'backup', ['psa']);
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter(t.knex) });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    config = backupConfig();
    fs.mkdirSync(scratch, { recursive: true });
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('takes the daily backup (database, files: encrypted, checksummed, sealed) and a drill asked through the API restores it and passes', async () => {
    taken = await client.workflow.execute(BACKUP_WORKFLOW.daily, { workflowId: `backup-test-${process.pid}`, taskQueue: TASK_QUEUE, args: [] });
    expect(taken.name).toMatch(/^relais-\d{8}T\d{6}Z$/);
    const primary = config.settings.stores[0]!;
    expect((await primary.files(taken.name)).map((f) => f.file).sort()).toEqual(['database.rbk', 'files.rbk', 'manifest.json']);
    // Encrypted: no table's name or demo e-mail address readable in the stored file.
    const stored = fs.readFileSync(path.join(process.env.RELAIS_DATA_DIR!, 'backups', taken.name, 'database.rbk'));
    expect(stored.includes(Buffer.from('msp.demo'))).toBe(false);
    expect(stored.subarray(0, 6).toString('latin1')).toBe('RLSBK1');

    const admin = await loginAs(t.app, 'admin', own.slug);
    const started = await request(t.app).post('/api/v1/backups/drills').set('Authorization', `Bearer ${admin.accessToken}`);
    expect(started.status).toBe(202);
    const drill = await client.workflow.getHandle(backupDrillWorkflowId(TASK_QUEUE)).result();
    expect(drill).toMatchObject({ outcome: 'pass', backupName: taken.name, reason: null });
    expect(drill.details.appRoleRead).toBe(true);
    expect(drill.details.differences).toEqual([]);

    const listed = await request(t.app).get('/api/v1/backups').set('Authorization', `Bearer ${admin.accessToken}`);
    expect(listed.status).toBe(200);
    expect(listed.body.latestDrill).toMatchObject({ id: drill.id, outcome: 'pass', trigger: 'manual', backupName: taken.name });
    expect(listed.body.latestDrill.tables).toBeGreaterThan(50);
    const item = listed.body.backups.find((b: { name: string }) => b.name === taken.name);
    expect(item).toMatchObject({ status: 'done', sizeBytes: taken.sizeBytes, locations: [primary.location], error: null });
    expect(item.rows).toBeGreaterThan(1000);
  });

  it('answers 403 with a French reason to a user who does not administer collaborators', async () => {
    const technician = await loginAs(t.app, 'technician', own.slug);
    const listed = await request(t.app).get('/api/v1/backups').set('Authorization', `Bearer ${technician.accessToken}`).set('Accept-Language', 'fr');
    expect(listed.status).toBe(403);
    expect(listed.body.detail).toContain('backup.backup.read');
    const drill = await request(t.app).post('/api/v1/backups/drills').set('Authorization', `Bearer ${technician.accessToken}`);
    expect(drill.status).toBe(403);
  });

  it('fails the drill loudly when one byte of the backup changed: outcome fail with the reason, recorded, mailed to the administrators', async () => {
    // A copy of the set with one byte flipped in the middle of the database part, in a store of its own.
    const store = path.join(scratch, 'corrupted');
    fs.cpSync(path.join(process.env.RELAIS_DATA_DIR!, 'backups', taken.name), path.join(store, taken.name), { recursive: true });
    const file = path.join(store, taken.name, 'database.rbk');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const corrupted: BackupConfig = { ...config, alertTenants: [own.slug], settings: { ...config.settings, stores: [directoryBackupStore(store)] } };
    // A worker of its own whose backup activities read that store (the others are the platform's).
    const queue = `${TASK_QUEUE}-corrupted`;
    const base = createActivities({ knex: t.knex, loadPlan: async () => undefined });
    const own2 = await Worker.create({
      connection, taskQueue: queue, workflowBundle: await workflowBundle(), dataConverter: testDataConverter(t.knex),
      activities: { ...base, ...createBackupActivities({ knex: t.knex, sendMail: base['comms.mail.send'], config: () => corrupted }) },
    });
    const result = await own2.runUntil(client.workflow.execute(BACKUP_WORKFLOW.drill, { workflowId: `backup-test-corrupted-${process.pid}`, taskQueue: queue, args: [{ trigger: 'manual' }] }));
    expect(result.outcome).toBe('fail');
    expect(result.reason).toContain('checksum mismatch on database.rbk');
    const row = await t.admin('backupDrills').where({ id: result.id }).first();
    expect(row).toMatchObject({ outcome: 'fail', backupName: taken.name });
    const mails = await t.admin('sandboxMailOutbox').where({ tenantId: own.tenantId, recipient: demoEmail('admin', own.slug) });
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Relais : ÉCHEC du test de restauration de la sauvegarde ${taken.name}`);
    expect(mails[0].body).toContain('checksum mismatch on database.rbk');
  });

  it('rotation keeps exactly 7 daily, 4 weekly and 12 monthly sets, in every location, and removes the rest', async () => {
    const primary = path.join(scratch, 'rotation-primary');
    const copy = path.join(scratch, 'rotation-copy');
    // A set every night at 01:30 UTC for 120 days up to 4 Dec 2026, in both locations.
    const names: string[] = [];
    for (let day = 0; day < 120; day++) {
      const name = backupName(new Date(Date.UTC(2026, 11, 4 - day, 1, 30)));
      names.push(name);
      for (const root of [primary, copy]) {
        fs.mkdirSync(path.join(root, name), { recursive: true });
        fs.writeFileSync(path.join(root, name, 'manifest.json'), '{}');
      }
    }
    const settings = { ...config.settings, stores: [directoryBackupStore(primary), directoryBackupStore(copy)] };
    const removed = await rotateBackups(t.admin, settings);
    const expected = [
      // 7 days: 28 Nov – 4 Dec; ISO weeks: 4 Dec (49), 29 Nov (48), 22 Nov (47), 15 Nov (46); months: Dec … Aug.
      '20260831', '20260930', '20261031', '20261115', '20261122',
      '20261128', '20261129', '20261130', '20261201', '20261202', '20261203', '20261204',
    ].map((d) => `relais-${d}T013000Z`);
    expect(fs.readdirSync(primary).sort()).toEqual(expected);
    expect(fs.readdirSync(copy).sort()).toEqual(expected);
    expect(removed).toHaveLength(names.length - expected.length);
  });
});

