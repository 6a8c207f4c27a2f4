import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import knexFactory, { type Knex } from 'knex';
import { backupConfig, type BackupConfig } from '../../activities/backup/backup.settings';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { backupOverview } from '../../domain/backup/backup-catalogue';
import { runDrill, takeBackup } from '../../domain/backup/backup-service';
import { backupsAnswer } from '../../domain/backup/backup.schema';
import { storedDigest } from '../../domain/backup/copy-check';
import { onDatabase } from '../../domain/backup/database-copy';
import { s3BackupStore } from '../../integrations/storage/s3.backup-store';
import { freePort } from '../../scripts/services/ports';
import { startMotoServer, type MotoServer } from '../../scripts/services/moto';

/**
 * The second location in an S3-compatible bucket (issue 15, ADRs 0020 and 0031), against moto's
 * server on the loopback (S3's wire protocol: SigV4, multipart, listings). A backup of a small
 * database of its own is copied there, read back and compared; the drill reads the copy back too
 * and fails loudly when it is corrupt or missing.
 */
describe('backups copied to an S3-compatible bucket', () => {
  const database = `relais_s3_${process.pid}`;
  const adminUrl = onDatabase(process.env.DATABASE_ADMIN_URL!, database);
  const dataDir = path.join(process.env.RELAIS_DATA_DIR!, `backup-s3-${process.pid}`);
  const secret = 'moto-secret-key-never-shown-0123456789';
  let moto: MotoServer;
  let owner: Knex;
  let own: Knex;
  let config: BackupConfig;
  let s3: ReturnType<typeof s3BackupStore>;

  beforeAll(async () => {
    moto = await startMotoServer();
    owner = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    await owner.raw(`create database ${database}`);
    await migrateLatest(adminUrl);
    own = knexFactory(knexConfig(adminUrl, 2));
    await own('tenants').insert([{ slug: 's3-org', name: 'Copiée dans le seau' }]);
    fs.mkdirSync(path.join(dataDir, 'documents', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'documents', 'a', 'devis.pdf'), 'PDF bytes');
    config = backupConfig({
      ...process.env, DATABASE_ADMIN_URL: adminUrl, DATABASE_URL: onDatabase(process.env.DATABASE_URL!, database), RELAIS_DATA_DIR: dataDir,
      RELAIS_BACKUP_DIR: path.join(dataDir, 'backups'), RELAIS_BACKUP_COPY_DIR: '',
      RELAIS_BACKUP_S3_BUCKET: 'relais-srvsav1', RELAIS_BACKUP_S3_ENDPOINT: moto.endpoint, RELAIS_BACKUP_S3_REGION: 'eu-west-3',
      RELAIS_BACKUP_S3_PREFIX: 'site-b', RELAIS_BACKUP_S3_ACCESS_KEY_ID: 'moto-access-key', RELAIS_BACKUP_S3_SECRET_ACCESS_KEY: secret,
    });
    s3 = config.settings.stores[1] as ReturnType<typeof s3BackupStore>;
    await s3.client.send(new CreateBucketCommand({ Bucket: 'relais-srvsav1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-3' } }));
  });
  afterAll(async () => {
    await own?.destroy();
    await owner?.raw(`drop database if exists ${database} with (force)`);
    await owner?.destroy();
    await moto?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps sets through the storage port: put (multipart above 8 MB), get, list, files, delete, remove', async () => {
    expect(s3.location).toBe('s3://relais-srvsav1/site-b/');
    const big = Buffer.alloc(9 * 1024 * 1024, 7);
    await s3.put('relais-20200101T000000Z', 'database.rbk', Readable.from([big]));
    await s3.put('relais-20200101T000000Z', 'manifest.json', Readable.from([Buffer.from('{}')]));
    expect(await s3.list()).toEqual(['relais-20200101T000000Z']);
    expect(await s3.files('relais-20200101T000000Z')).toEqual([{ file: 'database.rbk', bytes: big.length }, { file: 'manifest.json', bytes: 2 }]);
    expect((await storedDigest(s3, 'relais-20200101T000000Z', 'database.rbk')).bytes).toBe(big.length);
    await s3.delete('relais-20200101T000000Z', 'manifest.json');
    await expect(s3.get('relais-20200101T000000Z', 'manifest.json')).rejects.toThrow('is missing');
    await s3.remove('relais-20200101T000000Z');
    expect(await s3.list()).toEqual([]);
    await expect(s3.put('../x', 'a', Readable.from([]))).rejects.toThrow('invalid backup name');
  });

  it('copies a backup to the bucket, reads it back with the same SHA-256, and the drill passes; a corrupt or missing copy fails the drill loudly', async () => {
    const taken = await takeBackup(own, config.settings, new Date());
    expect(taken.copies.map((c) => [c.location, c.role, c.state])).toEqual([
      [`dir:${path.join(dataDir, 'backups')}`, 'primary', 'verified'], ['s3://relais-srvsav1/site-b/', 'copy', 'verified'],
    ]);
    expect((await s3.files(taken.name)).map((f) => f.file)).toEqual(['database.rbk', 'files.rbk', 'manifest.json']);
    const passed = await runDrill(own, config.settings, { trigger: 'manual' });
    expect(passed).toMatchObject({ outcome: 'pass', backupName: taken.name, reason: null });
    expect(passed.details.copies).toEqual([expect.objectContaining({ location: 's3://relais-srvsav1/site-b/', state: 'verified' })]);

    // One byte changed in the bucket's copy: the primary is intact, the drill fails on the copy.
    const bytes = fs.readFileSync(path.join(dataDir, 'backups', taken.name, 'database.rbk'));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await s3.client.send(new PutObjectCommand({ Bucket: 'relais-srvsav1', Key: `site-b/${taken.name}/database.rbk`, Body: bytes }));
    const corrupt = await runDrill(own, config.settings, { trigger: 'manual' });
    expect(corrupt.outcome).toBe('fail');
    expect(corrupt.reason).toContain('second location: s3://relais-srvsav1/site-b/: checksum mismatch on database.rbk');
    let overview = backupsAnswer.parse(await backupOverview(own));
    expect(overview.latestDrill).toMatchObject({ outcome: 'fail', copies: [expect.objectContaining({ state: 'corrupt' })] });
    expect(overview.backups.find((b) => b.name === taken.name)!.copies.map((c) => c.state)).toEqual(['verified', 'corrupt']);

    await s3.delete(taken.name, 'files.rbk');
    const missing = await runDrill(own, config.settings, { trigger: 'manual' });
    expect(missing.outcome).toBe('fail');
    expect(missing.reason).toContain('files.rbk missing');
    overview = backupsAnswer.parse(await backupOverview(own));
    expect(overview.backups.find((b) => b.name === taken.name)!.copies[1]).toMatchObject({ state: 'missing' });
    // The keys never show: not in a location, a reason or anything the API answers.
    expect(JSON.stringify(overview)).not.toContain(secret);
  });

  it('records a bucket out of reach as the copy\'s failure, the primary set kept and restorable', async () => {
    const away = { ...config.settings, stores: [config.settings.stores[0]!, s3BackupStore({ bucket: 'relais-srvsav1', region: 'eu-west-3', endpoint: `http://127.0.0.1:${await freePort()}`, credentials: { accessKeyId: 'k', secretAccessKey: secret } })] };
    const taken = await takeBackup(own, away, new Date(Date.now() + 2_000));
    expect(taken.copies.map((c) => c.state)).toEqual(['verified', 'unreachable']);
    expect(taken.copies[1]!.reason).not.toContain(secret);
    const row = await own('backups').where({ name: taken.name }).first('status', 'error');
    expect(row.status).toBe('done');
    expect(row.error).toContain('copy failed');
  });
});
