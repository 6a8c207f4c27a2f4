import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureTemporalBinary } from './temporal-binaries';
import { requireFreePort, waitForPort } from './ports';

export interface TemporalDevServer {
  address: string;
  uiPort: number;
  /** The server's process id. */
  pid: number;
  /** Settles when the server exits, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** SQLite's companions of a database file. */
const SQLITE_FILES = ['', '-wal', '-shm', '-journal'];

/**
 * Makes a file (and, for a database, its SQLite companions) readable and
 * writable by its owner only, whatever mode an older start left them with.
 */
export function ownerOnly(file: string, suffixes = SQLITE_FILES): void {
  for (const suffix of suffixes) {
    try {
      fs.chmodSync(`${file}${suffix}`, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** The server stopped before it answered. */
class ExitedEarly extends Error {}

interface DevServerOptions { port: number; uiPort: number; dbFile?: string; logFile?: string }

/** The last lines a server wrote before it stopped, to say why. */
function logTail(logFile: string | undefined, lines = 5): string {
  if (!logFile) return '';
  try {
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    return tail ? `\n${tail}` : '';
  } catch {
    return '';
  }
}

/**
 * Runs `temporal server start-dev`. With `dbFile` its state persists, so a
 * restart finds running workflows where they were.
 *
 * Besides its gRPC and UI ports, the server picks free ports of its own
 * (HTTP API, metrics, its internal services) as it starts; another process
 * may bind one of them in between, and the server then exits before it
 * answers. It is started once or twice more, on the same ports asked for.
 */
export async function startTemporalDevServer(opts: DevServerOptions, attempts = 3): Promise<TemporalDevServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(opts);
    } catch (error) {
      if (!(error instanceof ExitedEarly) || attempt >= attempts) throw error;
    }
  }
}

async function startOnce(opts: DevServerOptions): Promise<TemporalDevServer> {
  const binary = ensureTemporalBinary('temporal');
  await requireFreePort('the Temporal server', opts.port, 'RELAIS_TEMPORAL_PORT');
  await requireFreePort('the Temporal web UI', opts.uiPort, 'RELAIS_TEMPORAL_UI_PORT');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port),
    '--ui-port', String(opts.uiPort), '--log-level', 'warn'];
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  } else {
    args.push('--headless');
  }
  // Workflow state and logs are business data: readable by their owner only (600), like the secrets.
  if (opts.dbFile) ownerOnly(opts.dbFile);
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a', 0o600) : 'ignore';
  if (opts.logFile) ownerOnly(opts.logFile, ['']);
  // The server creates its files (the database, its -wal and -shm) with the umask it inherits.
  const umask = process.umask(0o077);
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { stdio: ['ignore', out, out] });
  } finally {
    process.umask(umask);
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  // A server that exits before it answers (a port of its own already taken, a database it cannot open) is said at once.
  const exitedEarly = exit.then(() => Promise.reject(new ExitedEarly(`it exited before answering on 127.0.0.1:${opts.port}`)));
  exitedEarly.catch(() => undefined);
  try {
    await Promise.race([waitForPort(opts.port, 60_000), exitedEarly]);
  } catch (error) {
    child.kill('SIGKILL');
    const message = `The Temporal dev server did not start${opts.logFile ? `; see ${opts.logFile}` : ''}: ${(error as Error).message}${logTail(opts.logFile)}`;
    throw error instanceof ExitedEarly ? new ExitedEarly(message) : new Error(message);
  }
  if (opts.dbFile) ownerOnly(opts.dbFile);
  return {
    address: `127.0.0.1:${opts.port}`,
    uiPort: opts.uiPort,
    pid: child.pid!,
    exited: exit,
    stop: () => new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}
