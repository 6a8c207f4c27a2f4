import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { backupConfig, type BackupConfig } from '../../activities/backup/backup.settings';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { takeBackup } from '../../domain/backup/backup-service';
import { onDatabase } from '../../domain/backup/database-copy';
import { applyRestoredTemporalState } from '../../domain/backup/temporal-state';
import { freePort } from '../../scripts/services/ports';
import { startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { tenantId } from '../support/api';
import { engineWorker, startInstance, testDataConverter } from '../support/engine';
import { ROOT } from '../support/paths';
import { buildPlan } from '../support/plans';
import { until } from '../support/worker-process';

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

  it('brings back the embedded Temporal\'s state: a process waiting on a timer at backup time waits again after the restore and the next start', async () => {
    // The embedded Temporal of this platform: its SQLite state in the data directory, as npm start keeps it.
    const dbFile = path.join(dataDir, 'temporal.db');
    let ports = { port: await freePort(), uiPort: await freePort() };
    // Two free ports asked for, then bound by the server a moment later: another suite may take one between. Once more on others.
    let server = await startTemporalDevServer({ ...ports, dbFile }).catch(async () => {
      ports = { port: await freePort(), uiPort: await freePort() };
      return startTemporalDevServer({ ...ports, dbFile });
    });
    const shared = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    const app = knexFactory(knexConfig(process.env.DATABASE_URL!, 2));
    let connection = await NativeConnection.connect({ address: server.address });
    try {
      const queue = `backup-restore-temporal-${process.pid}`;
      const plan = buildPlan(`restore-timer-${process.pid}`, [
        { id: 'start', kind: 'startEvent' },
        { id: 'wait', kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: 'PT1H' } },
        { id: 'end', kind: 'endEvent' },
      ], [['f1', 'start', 'wait'], ['f2', 'wait', 'end']]);
      const client = new Client({ connection, dataConverter: testDataConverter(app) });
      const worker = await engineWorker(connection, queue, app);
      const { handle, workflowId } = await worker.runUntil(async () => {
        const started = await startInstance(shared, client, queue, await tenantId(shared, 'epic-events'), plan);
        await until('the instance waits on its timer', async () => ((await started.handle.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes) ? true : undefined));
        return started;
      });
      const manifest = await takeBackup(own, config.settings, new Date(Date.now() + 1_000));
      expect(manifest.files.find((f) => f.root === 'temporal')!.files).toBeGreaterThan(0);
      // After the backup the instance is lost (terminated by mistake), then the platform stops.
      await handle.terminate('perdu après la sauvegarde');
      await connection.close();
      await server.stop();

      const done = await restore([manifest.name], 'RESTAURER\n');
      expect(done.code).toBe(0);
      expect(done.out).toContain('état du Temporal embarqué');
      expect(fs.existsSync(`${dbFile}.restored`)).toBe(true);
      // What npm start does before it starts Temporal: the restored state swapped in, the current one kept aside.
      const aside = applyRestoredTemporalState(dbFile);
      expect(aside && fs.existsSync(aside)).toBe(true);
      server = await startTemporalDevServer({ ...ports, dbFile });
      connection = await NativeConnection.connect({ address: server.address });
      const again = new Client({ connection, dataConverter: testDataConverter(app) }).workflow.getHandle(workflowId);
      expect((await again.describe()).status.name).toBe('RUNNING');
      const events = (await again.fetchHistory()).events ?? [];
      expect(events.some((e) => e.timerStartedEventAttributes)).toBe(true);
      expect(events.some((e) => e.workflowExecutionTerminatedEventAttributes)).toBe(false);
      await again.terminate('fin du test');
    } finally {
      await connection.close();
      await server.stop();
      await shared.destroy();
      await app.destroy();
    }
  });

  it('refuses a backup that is not there, with its reason, and restores nothing', async () => {
    const run = await restore(['relais-20200101T000000Z', '--yes']);
    expect(run.code).toBe(1);
    expect(run.out).toContain('Restauration impossible');
  });

});
