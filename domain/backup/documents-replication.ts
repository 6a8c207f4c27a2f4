import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { BACKUP_NAME as NAME, type BackupStore } from '../../integrations/storage/backup-store.port';
import type { DocumentsReplicationState } from './backup.schema';
import { storedDigest } from './copy-check';

/**
 * The documents store copied to the second site (issue 15, ADR 0031), run by the primary's worker
 * every minute: new or changed files are copied, read back and their SHA-256 compared; files gone
 * from the primary (erased, expired) are removed from the replica. The documents store's layout
 * is `<organisation>/<document>`, the store port's `<set>/<file>`: a directory replica is a
 * documents directory the second site's API serves as it is.
 *
 * What was copied is remembered in a local index (size, modification time, SHA-256 per file),
 * so a run hashes only what changed; the replica's listing is compared too, so a file lost or
 * truncated on the replica is copied again. A run that cannot reach the replica still measures
 * what is pending (from the index) and records the error: the lag grows, the next run catches up.
 */

interface IndexEntry { sha256: string; bytes: number; mtimeMs: number }
type ReplicaIndex = Record<string, IndexEntry>;

export interface ReplicationRun {
  location: string;
  copied: number;
  removed: number;
  files: number;
  bytes: number;
  pendingFiles: number;
  pendingBytes: number;
  oldestPendingAt: string | null;
  error: string | null;
}

interface SourceFile { key: string; set: string; file: string; bytes: number; mtimeMs: number }

/** The files of the documents store that a replica holds: `<set>/<file>`, names the store port accepts, no `.part` being written. */
function sourceFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const sets = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [];
  for (const set of sets) {
    if (!set.isDirectory() || !NAME.test(set.name)) continue;
    for (const file of fs.readdirSync(path.join(dir, set.name), { withFileTypes: true })) {
      if (!file.isFile() || !NAME.test(file.name) || file.name.endsWith('.part')) continue;
      const stat = fs.statSync(path.join(dir, set.name, file.name));
      out.push({ key: `${set.name}/${file.name}`, set: set.name, file: file.name, bytes: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
  return out.sort((a, b) => a.mtimeMs - b.mtimeMs);
}

function sha256OfPath(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function readIndex(file: string): ReplicaIndex {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ReplicaIndex;
  } catch {
    return {};
  }
}

function writeIndex(file: string, index: ReplicaIndex): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(`${file}.part`, JSON.stringify(index), { mode: 0o600 });
  fs.renameSync(`${file}.part`, file);
}

/** What the replica lists (`<set>/<file>` → size), or undefined when it is out of reach. */
async function replicaListing(target: BackupStore): Promise<Map<string, number>> {
  const listing = new Map<string, number>();
  for (const set of await target.list()) {
    for (const f of await target.files(set)) listing.set(`${set}/${f.file}`, f.bytes);
  }
  return listing;
}

/**
 * One replication run from `sourceDir` (the documents store) to `target`; `indexFile` keeps what
 * was copied. Records the run in `documents_replication` (owner connection) and answers it.
 */
export async function replicateDocuments(admin: Knex, sourceDir: string, target: BackupStore, indexFile: string, now = () => new Date()): Promise<ReplicationRun> {
  const runAt = now();
  const index = readIndex(indexFile);
  const files = sourceFiles(sourceDir);
  const present = new Set(files.map((f) => f.key));
  let error: string | null = null;
  let copied = 0;
  let removed = 0;
  let listing: Map<string, number> | undefined;
  try {
    listing = await replicaListing(target);
  } catch (e) {
    error = `${target.location}: ${e instanceof Error ? e.message : String(e)}`;
  }
  // Pending: changed since copied (size or time), never copied, or not (whole) on the replica.
  const changed = (f: SourceFile) => {
    const entry = index[f.key];
    return !entry || entry.bytes !== f.bytes || entry.mtimeMs !== f.mtimeMs || (listing !== undefined && listing.get(f.key) !== f.bytes);
  };
  const pending: SourceFile[] = files.filter(changed);
  const done = new Set<string>();
  if (!error) {
    for (const f of pending) {
      try {
        const sha256 = sha256OfPath(path.join(sourceDir, f.set, f.file));
        const entry = index[f.key];
        if (!(entry && entry.sha256 === sha256 && listing!.get(f.key) === f.bytes)) {
          await target.put(f.set, f.file, fs.createReadStream(path.join(sourceDir, f.set, f.file)));
          const back = await storedDigest(target, f.set, f.file);
          if (back.sha256 !== sha256) throw new Error(`checksum mismatch on ${f.key} read back from the replica (SHA-256 ${back.sha256.slice(0, 12)}… instead of ${sha256.slice(0, 12)}…)`);
          copied++;
        }
        index[f.key] = { sha256, bytes: f.bytes, mtimeMs: f.mtimeMs };
        done.add(f.key);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(path.join(sourceDir, f.set, f.file))) continue; // removed meanwhile: the next run removes it on the replica
        error = `${target.location}: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
    }
    // Gone from the primary (erased, expired): gone from the replica.
    for (const key of Object.keys(index).filter((k) => !present.has(k))) {
      if (error) break;
      const [set, file] = key.split('/') as [string, string];
      try {
        await target.delete(set, file);
        delete index[key];
        removed++;
      } catch (e) {
        error = `${target.location}: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    writeIndex(indexFile, index);
  }
  const left = pending.filter((f) => !done.has(f.key));
  const held = Object.values(index);
  const run: ReplicationRun = {
    location: target.location, copied, removed,
    files: held.length, bytes: held.reduce((n, e) => n + e.bytes, 0),
    pendingFiles: left.length, pendingBytes: left.reduce((n, f) => n + f.bytes, 0),
    oldestPendingAt: left.length ? new Date(Math.min(...left.map((f) => f.mtimeMs))).toISOString() : null,
    error,
  };
  await admin('documentsReplication').insert({
    location: run.location, lastRunAt: runAt, ...(error ? {} : { lastSuccessAt: runAt }),
    files: run.files, bytes: run.bytes, pendingFiles: run.pendingFiles, pendingBytes: run.pendingBytes, oldestPendingAt: run.oldestPendingAt, error,
  }).onConflict('location').merge();
  return run;
}

/** The replication's state as shown (health details, GET /backups): the lag is the age of the oldest pending change, now. */
export function replicationView(row: Record<string, unknown>, now = new Date()): DocumentsReplicationState {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  const oldest = row.oldestPendingAt ? new Date(row.oldestPendingAt as string).getTime() : null;
  return {
    location: String(row.location), lastRunAt: iso(row.lastRunAt), lastSuccessAt: iso(row.lastSuccessAt),
    files: Number(row.files), bytes: Number(row.bytes), pendingFiles: Number(row.pendingFiles), pendingBytes: Number(row.pendingBytes),
    lagSeconds: oldest === null ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 100) / 10),
    error: (row.error as string | null) ?? null,
  };
}

/** The latest replication state (one replica location in practice), or null when none is configured. */
export async function documentsReplicationState(trx: Knex | Knex.Transaction): Promise<DocumentsReplicationState | null> {
  const row = await trx('documentsReplication').orderBy('lastRunAt', 'desc').first();
  return row ? replicationView(row as Record<string, unknown>) : null;
}
