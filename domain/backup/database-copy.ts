import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import knexFactory from 'knex';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { knexConfig } from '../../db/knexfile';
import { FRAME, dataFrames, frame, headerFrame, type Frame } from './archive';

/**
 * The database part of a backup, without pg_dump: the embedded PostgreSQL package ships no
 * client tools (only initdb, pg_ctl, postgres) and a pg_dump older than the server refuses it.
 * The schema is the migrations' (the manifest names those applied); the data is every table's
 * COPY, all read in ONE repeatable-read snapshot, with each table's row count and checksum
 * computed in that same snapshot. A restore migrates the target to the same migrations, then
 * loads the rows with triggers off (session_replication_role = replica) and sets the sequences.
 */
export interface TableFact {
  table: string;
  rows: number;
  /** Sum of a 64-bit hash of each row's text: independent of row order, cheap (no sort). */
  checksum: string;
}

export interface SequenceFact {
  sequence: string;
  value: string;
  isCalled: boolean;
}

export interface DatabaseFacts {
  serverVersion: string;
  migrations: string[];
  tables: TableFact[];
  sequences: SequenceFact[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;
const MIGRATION_TABLES = ['knex_migrations', 'knex_migrations_lock'];

/** Sessions read and write rows' text the same way on both sides (time zone, date and interval styles). */
export async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  await client.query("set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres'; set extra_float_digits = 3; set bytea_output = 'hex'");
  return client;
}

async function userTables(client: pg.Client): Promise<Array<{ schema: string; name: string }>> {
  const { rows } = await client.query<{ schema: string; name: string }>(`
    select n.nspname as schema, c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
     order by 1, 2`);
  return rows.filter((t) => !(t.schema === 'public' && MIGRATION_TABLES.includes(t.name)));
}

async function columns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum",
    [table],
  );
  return rows.map((r) => r.name);
}

/** Row counts and checksums of every table, and the sequences, as the client's snapshot sees them. */
export async function measure(client: pg.Client): Promise<DatabaseFacts> {
  const version = await client.query<{ v: string }>('show server_version');
  const hasMigrations = await client.query("select to_regclass('public.knex_migrations') is not null as present");
  const migrations = hasMigrations.rows[0].present
    ? (await client.query<{ name: string }>('select name from knex_migrations order by id')).rows.map((r) => r.name)
    : [];
  const tables: TableFact[] = [];
  for (const t of await userTables(client)) {
    const { rows } = await client.query<{ rows: string; checksum: string }>(
      `select count(*)::text as rows, coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text as checksum from ${qualified(t.schema, t.name)} t`,
    );
    tables.push({ table: `${t.schema}.${t.name}`, rows: Number(rows[0].rows), checksum: rows[0].checksum });
  }
  const seqs = await client.query<{ schema: string; name: string; value: string | null; start: string }>(
    'select schemaname as schema, sequencename as name, last_value::text as value, start_value::text as start from pg_sequences order by 1, 2',
  );
  const sequences = seqs.rows.map((s) => ({ sequence: `${s.schema}.${s.name}`, value: s.value ?? s.start, isCalled: s.value !== null }));
  return { serverVersion: version.rows[0].v, migrations, tables, sequences };
}

/**
 * Copies the database into `sink` as frames (archive.ts), in one read-only repeatable-read
 * snapshot; answers what that snapshot held. Row-level security off: a role that would see
 * only part of a table fails instead of making an incomplete backup.
 */
export async function dumpDatabase(url: string, sink: (source: Readable) => Promise<unknown>): Promise<DatabaseFacts> {
  const client = await openClient(url);
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query('set local row_security = off');
    const facts = await measure(client);
    async function* frames(): AsyncGenerator<Buffer> {
      for (const t of await userTables(client)) {
        const table = qualified(t.schema, t.name);
        const cols = await columns(client, table);
        yield headerFrame({ table: `${t.schema}.${t.name}`, columns: cols });
        const stream = client.query(copyTo(`copy ${table} (${cols.map(ident).join(', ')}) to stdout`));
        for await (const chunk of stream as AsyncIterable<Buffer>) yield* dataFrames(chunk);
        yield frame(FRAME.end);
      }
    }
    await sink(Readable.from(frames()));
    await client.query('commit');
    return facts;
  } finally {
    await client.end();
  }
}

/**
 * Migrates `url` to exactly `migrations` (those the backup's database had). Refuses a backup
 * whose migrations this version does not have, or a target already further on.
 */
export async function migrateTo(url: string, migrations: readonly string[]): Promise<void> {
  const knex = knexFactory(knexConfig(url, 1));
  try {
    const [completed, pending] = (await knex.migrate.list()) as [Array<{ name: string }>, Array<{ file: string }>];
    const done = completed.map((c) => c.name);
    const beyond = done.filter((name) => !migrations.includes(name));
    if (beyond.length) throw new Error(`the target database has migrations the backup does not (${beyond.join(', ')}): restore into an empty database`);
    const known = new Set([...done, ...pending.map((p) => p.file)]);
    const unknown = migrations.filter((name) => !known.has(name));
    if (unknown.length) throw new Error(`the backup was taken by a newer version of Relais (migrations ${unknown.join(', ')} are unknown here)`);
    for (const p of pending) if (migrations.includes(p.file)) await knex.migrate.up({ name: p.file });
  } finally {
    await knex.destroy();
  }
}

/**
 * Replaces every row of `url`'s tables with the frames of a backup, in one transaction:
 * truncate, COPY each table, set the sequences. `authentic` settles when the source's
 * decryption has checked its tag: the transaction commits only after it resolved.
 */
export async function loadDatabase(url: string, frames: AsyncIterable<Frame>, sequences: readonly SequenceFact[], authentic: Promise<void>): Promise<void> {
  const client = await openClient(url);
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    const tables = await userTables(client);
    if (tables.length) await client.query(`truncate ${tables.map((t) => qualified(t.schema, t.name)).join(', ')}`);
    let copying: ReturnType<typeof copyFrom> | undefined;
    for await (const f of frames) {
      if (f.type === FRAME.header) {
        const [schema, ...rest] = String(f.header.table).split('.');
        const cols = (f.header.columns as string[]).map(ident).join(', ');
        copying = client.query(copyFrom(`copy ${qualified(schema!, rest.join('.'))} (${cols}) from stdin`));
      } else if (f.type === FRAME.data) {
        if (!copying) throw new Error('backup archive: data before any table');
        if (!copying.write(f.data)) await new Promise((resolve) => copying!.once('drain', resolve));
      } else {
        if (!copying) throw new Error('backup archive: end before any table');
        copying.end();
        await finished(copying);
        copying = undefined;
      }
    }
    if (copying) throw new Error('backup archive: truncated inside a table');
    for (const s of sequences) await client.query('select setval($1::regclass, $2::bigint, $3)', [s.sequence, s.value, s.isCalled]);
    await authentic;
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The differences between the facts recorded at backup time and those of a restored database (empty: identical). */
export function compareFacts(expected: DatabaseFacts, actual: DatabaseFacts): string[] {
  const found = new Map(actual.tables.map((t) => [t.table, t]));
  const differences: string[] = [];
  for (const t of expected.tables) {
    const other = found.get(t.table);
    if (!other) differences.push(`table ${t.table} missing`);
    else if (other.rows !== t.rows) differences.push(`table ${t.table}: ${t.rows} rows at backup time, ${other.rows} restored`);
    else if (other.checksum !== t.checksum) differences.push(`table ${t.table}: checksum differs (same row count, different content)`);
  }
  return differences;
}

/** Connection URL of the same server and credentials on another database. */
export function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
