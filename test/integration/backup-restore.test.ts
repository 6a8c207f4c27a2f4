import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { backupConfig, type BackupConfig } from '../../activities/backup/backup.settings';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { takeBackup } from '../../domain/backup/backup-service';
import { onDatabase } from '../../domain/backup/database-copy';
import { ROOT } from '../support/paths';

/**
 * `npm run restore -- <backup>` on a database of its own (migrated, a few rows: never the shared
 * test database, which other files use meanwhile), restored for real after the confirmation.
 */
describe('npm run restore', () => {
  const database = `relais_restore_${process.pid}`;
  const adminUrl = onDatabase(process.env.DATABASE_ADMIN_URL!, database);
  const dataDir = path.join(process.env.RELAIS_DATA_DIR!, `backup-restore-${process.pid}`);
  const backups = path.join(dataDir, 'backups');
  let owner: Knex;
  let own: Knex;
  let config: BackupConfig;
  const env = () => ({ ...process.env, DATABASE_ADMIN_URL: adminUrl, DATABASE_URL: onDatabase(process.env.DATABASE_URL!, database), RELAIS_DATA_DIR: dataDir, RELAIS_BACKUP_DIR: backups });

  beforeAll(async () => {
    owner = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    await owner.raw(`create database ${database}`);
    await migrateLatest(adminUrl);
    own = knexFactory(knexConfig(adminUrl, 2));
    await own('tenants').insert([{ slug: 'kept-org', name: 'Gardée' }, { slug: 'dropped-org', name: 'Supprimée par erreur' }]);
    fs.mkdirSync(path.join(dataDir, 'documents', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'documents', 'a', 'contrat.pdf'), 'PDF bytes');
    config = backupConfig(env());
  });
  afterAll(async () => {
    await own.destroy();
    await owner.raw(`drop database if exists ${database} with (force)`);
    await owner.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function restore(args: string[], input = ''): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'restore.ts'), ...args], { cwd: ROOT, env: env() });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      child.on('close', (code) => resolve({ code, out }));
      child.stdin.end(input);
    });
  }

  it('restores a row deleted after the backup, and the documents, once the restore is confirmed; a wrong confirmation changes nothing', async () => {
    const manifest = await takeBackup(own, config.settings, new Date());
    expect(fs.readdirSync(backups)).toEqual([manifest.name]);
    await own('tenants').where({ slug: 'dropped-org' }).delete();
    fs.rmSync(path.join(dataDir, 'documents'), { recursive: true });

    const refused = await restore([manifest.name], 'non\n');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Restauration annulée');
    expect(await own('tenants').where({ slug: 'dropped-org' }).first()).toBeUndefined();

    const done = await restore([manifest.name], 'RESTAURER\n');
    expect(done.out).toContain('Restauré');
    expect(done.code).toBe(0);
    expect(await own('tenants').whereIn('slug', ['kept-org', 'dropped-org']).orderBy('slug').pluck('name')).toEqual(['Supprimée par erreur', 'Gardée']);
    expect(fs.readFileSync(path.join(dataDir, 'documents', 'a', 'contrat.pdf'), 'utf8')).toBe('PDF bytes');
    // The catalogue of the restored database knows the set it came from.
    expect(await own('backups').where({ name: manifest.name }).first('status')).toEqual({ status: 'done' });
  });

  it('refuses a backup that is not there, with its reason, and restores nothing', async () => {
    const run = await restore(['relais-20200101T000000Z', '--yes']);
    expect(run.code).toBe(1);
    expect(run.out).toContain('Restauration impossible');
  });

});
