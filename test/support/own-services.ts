import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrateLatest } from '../../db/migrate';
import { ensureAppLogin } from '../../scripts/services/postgres';
import { freePort } from '../../scripts/services/ports';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/services/temporal-dev-server';

/**
 * Services of one test file's own, for the tests that stop them: the run's
 * shared PostgreSQL and Temporal (global-setup.ts) keep serving the other
 * files meanwhile.
 */
interface RunningPostgres { adminUrl: string; pid: number; helper: ChildProcess; exited: Promise<void> }

/** Starts PostgreSQL in its helper process (test/support/postgres-process.ts). */
function launchPostgres(dataDir: string, port: number, password: string): Promise<RunningPostgres> {
  const helper = fork(path.join(__dirname, 'postgres-process.ts'), [dataDir, String(port), password], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let errors = '';
  helper.stderr!.on('data', (c: Buffer) => { errors += c.toString(); });
  const exited = new Promise<void>((resolve) => helper.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    helper.once('message', (m: { adminUrl: string; pid: number }) => resolve({ ...m, helper, exited }));
    void exited.then(() => reject(new Error(`PostgreSQL did not start: ${errors}`)));
  });
}

export interface OwnPostgres {
  adminUrl: string;
  appUrl: string;
  current: RunningPostgres;
  /** Stops it like a crash (immediate shutdown: no checkpoint, recovery from the WAL at the next start). */
  crash(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function ownPostgres(name: string): Promise<OwnPostgres> {
  const dataDir = path.join(process.env.RELAIS_DATA_DIR!, `${name}-postgres`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const password = crypto.randomBytes(12).toString('hex');
  const launch = () => launchPostgres(dataDir, port, password);
  const own: OwnPostgres = {
    current: await launch(), adminUrl: '', appUrl: '',
    async crash() {
      // SIGQUIT is PostgreSQL's immediate shutdown.
      process.kill(own.current.pid, 'SIGQUIT');
      await own.current.exited;
    },
    async start() {
      own.current = await launch();
    },
    async stop() {
      own.current.helper.kill('SIGTERM');
      await own.current.exited;
    },
  };
  own.adminUrl = own.current.adminUrl;
  await migrateLatest(own.adminUrl);
  own.appUrl = await ensureAppLogin(own.adminUrl, 'relais_api', 'test-app-password');
  return own;
}

export interface OwnTemporal {
  address: string;
  current: TemporalDevServer;
  /** Starts it again on the same state (its SQLite file) and port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A Temporal dev server keeping its state in a file, so a restart finds every workflow where it was. */
export async function ownTemporal(name: string): Promise<OwnTemporal> {
  const dir = path.join(process.env.RELAIS_DATA_DIR!, `${name}-temporal`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let port = await freePort();
  let uiPort = await freePort();
  const launch = () => startTemporalDevServer({ port, uiPort, dbFile: path.join(dir, 'temporal.db'), logFile: path.join(dir, 'temporal.log') });
  // Ports asked for free, then bound a moment later: another suite may take one between. The first start may move; restarts keep them.
  const first = await launch().catch(async () => {
    port = await freePort();
    uiPort = await freePort();
    return launch();
  });
  const own: OwnTemporal = {
    current: first, address: `127.0.0.1:${port}`,
    async start() {
      own.current = await launch();
    },
    stop: () => own.current.stop(),
  };
  return own;
}
