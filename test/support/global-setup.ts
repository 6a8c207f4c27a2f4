import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { freePort } from '../../scripts/services/ports';
import { ensureTemporalBinary } from '../../scripts/services/temporal-binaries';
import { startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { writeWorkflowBundle } from './engine';
import { TEST_ROOT } from './paths';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts one real PostgreSQL (fresh data directory) and one real Temporal dev
 * server (in memory) for the whole run, migrates and seeds the demo tenants.
 */
export default async function globalSetup(): Promise<void> {
  // Remove what earlier runs that are no longer alive left behind.
  for (const entry of fs.existsSync(TEST_ROOT) ? fs.readdirSync(TEST_ROOT) : []) {
    const pid = Number(entry.replace('run-', ''));
    if (entry.startsWith('run-') && !alive(pid)) fs.rmSync(path.join(TEST_ROOT, entry), { recursive: true, force: true });
  }
  const TEST_DIR = path.join(TEST_ROOT, `run-${process.pid}`);
  fs.mkdirSync(TEST_DIR, { recursive: true });
  const pgPort = await freePort();
  const password = 'test-admin-password';
  const pg = await startEmbeddedPostgres({ dataDir: path.join(TEST_DIR, 'postgres'), port: pgPort, password, database: 'relais_test' });
  await migrateLatest(pg.adminUrl);
  const appUrl = await ensureAppLogin(pg.adminUrl, 'relais_api', 'test-app-password');
  const admin = knexFactory(knexConfig(pg.adminUrl, 2));
  await seed(admin, { demo: true });
  await admin.destroy();
  // The workflows, bundled once for every test file's workers while Temporal starts.
  const [temporal, workflowBundlePath] = await Promise.all([
    startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), logFile: path.join(TEST_DIR, 'temporal.log') }),
    writeWorkflowBundle(path.join(TEST_DIR, 'workflow-bundle.js')),
  ]);
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: appUrl,
    DATABASE_ADMIN_URL: pg.adminUrl,
    TEMPORAL_ADDRESS: temporal.address,
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    RELAIS_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    RELAIS_DATA_DIR: TEST_DIR,
    RELAIS_TEST_WORKFLOW_BUNDLE: workflowBundlePath,
    // A drill that fails (the contract fuzzing may start one) mails no organisation's administrators unless a test names its own.
    RELAIS_BACKUP_ALERT_TENANTS: 'no-organisation',
    // Tests that start their own Temporal (or `npm start`) use the same binary, not an install under their RELAIS_DATA_DIR.
    TEMPORAL_CLI: process.env.TEMPORAL_CLI || ensureTemporalBinary('temporal'),
  };
  // Test workers are started after this and inherit the environment.
  Object.assign(process.env, env);
  (globalThis as Record<string, unknown>).__relaisServices = { pg, temporal };
}
