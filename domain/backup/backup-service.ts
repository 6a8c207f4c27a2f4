import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Knex } from 'knex';
import pg from 'pg';
import type { BackupStore } from '../../integrations/storage/backup-store.port';
import { readFrames } from './archive';
import { decryptFile, encryptToFile, manifestSeal, sha256OfFile } from './backup-crypto';
import { verifyCopy, type ExpectedFile } from './copy-check';
import type { CopyState } from './backup.schema';
import { compareFacts, dumpDatabase, loadDatabase, measure, migrateTo, onDatabase, openClient, type DatabaseFacts } from './database-copy';
import { extractFiles, fileFrames, type FileRoot, type FilesFact } from './files-archive';
import { rotate, type RetentionPolicy, RETENTION } from './rotation';
import { stageTemporalState } from './temporal-state';

/** Everything a backup, a drill or a restore needs; built from the configuration by the caller (activities/backup, scripts/restore.ts). */
export interface BackupSettings {
  /** The owner's connection (reads every organisation's rows; creates the drill's scratch database). */
  adminUrl: string;
  /** The application role's connection: the drill opens the restored database with it. */
  appUrl: string;
  master: Buffer;
  /** Where the sets go: the first is the primary, the others the copies (second location). */
  stores: BackupStore[];
  /** The documents store and, when embedded, the Temporal state (files archive). */
  roots: FileRoot[];
  /** Scratch space (decrypted files never leave it; removed after each run). */
  workDir: string;
  retention?: RetentionPolicy;
}

export const MANIFEST = 'manifest.json';
const DATABASE_FILE = 'database.rbk';
const FILES_FILE = 'files.rbk';

export interface BackupManifest {
  format: 'relais-backup/1';
  name: string;
  takenAt: string;
  finishedAt: string;
  database: DatabaseFacts;
  files: FilesFact[];
  parts: Array<{ file: string; bytes: number; sha256: string }>;
}

/** `relais-20261204T013000Z`: sorts by time, and the rotation reads the time back from it. */
export function backupName(at: Date): string {
  return `relais-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
}

export function takenAtOf(name: string): string | null {
  const m = /^relais-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
}

function sealed(manifest: BackupManifest, master: Buffer): string {
  const text = JSON.stringify(manifest);
  return JSON.stringify({ manifest, seal: manifestSeal(master, text) }, null, 1);
}

function unseal(text: string, master: Buffer): BackupManifest {
  let parsed: { manifest?: BackupManifest; seal?: string };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error('manifest unreadable (not JSON)');
  }
  if (!parsed.manifest || parsed.seal !== manifestSeal(master, JSON.stringify(parsed.manifest))) {
    throw new Error('manifest seal invalid: the manifest was changed, or the backup key is not the one it was written with');
  }
  return parsed.manifest;
}

async function readText(store: BackupStore, set: string, file: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await store.get(set, file)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Takes one backup: the database (one snapshot), the files (documents, embedded Temporal
 * state), each encrypted and checksummed, sealed by a manifest, written to every store.
 * Recorded in `backups` (running → done | failed).
 */
export async function takeBackup(admin: Knex, settings: BackupSettings, at: Date): Promise<BackupManifest & { copies: CopyState[] }> {
  const name = backupName(at);
  await admin('backups').insert({ name, status: 'running', startedAt: at }).onConflict('name').merge({ status: 'running', startedAt: at, error: null });
  const work = path.join(settings.workDir, name);
  fs.mkdirSync(work, { recursive: true, mode: 0o700 });
  try {
    const dbPart = await new Promise<{ facts: DatabaseFacts; file: { bytes: number; sha256: string } }>((resolve, reject) => {
      let file: { bytes: number; sha256: string } | undefined;
      dumpDatabase(settings.adminUrl, async (source) => {
        file = await encryptToFile(source.pipe(createGzip()), settings.master, path.join(work, DATABASE_FILE));
      }).then((facts) => resolve({ facts, file: file! }), reject);
    });
    const files: FilesFact[] = [];
    const filesPart = await encryptToFile(PassThroughFrom(fileFrames(settings.roots, files)).pipe(createGzip()), settings.master, path.join(work, FILES_FILE));
    const manifest: BackupManifest = {
      format: 'relais-backup/1', name, takenAt: at.toISOString(), finishedAt: new Date().toISOString(),
      database: dbPart.facts, files,
      parts: [{ file: DATABASE_FILE, ...dbPart.file }, { file: FILES_FILE, ...filesPart }],
    };
    fs.writeFileSync(path.join(work, MANIFEST), sealed(manifest, settings.master), { mode: 0o600 });
    const expected: ExpectedFile[] = [...manifest.parts, { file: MANIFEST, sha256: await sha256OfFile(path.join(work, MANIFEST)), bytes: fs.statSync(path.join(work, MANIFEST)).size }];
    const copies: CopyState[] = [];
    for (const [index, store] of settings.stores.entries()) {
      const role = index === 0 ? 'primary' : 'copy';
      if (index === 0) {
        for (const file of [DATABASE_FILE, FILES_FILE, MANIFEST]) await store.put(name, file, fs.createReadStream(path.join(work, file)));
      } else {
        // The second location out of reach fails its copy, not the backup: the primary holds the set, the copy's state says why.
        try {
          for (const file of [DATABASE_FILE, FILES_FILE, MANIFEST]) await store.put(name, file, fs.createReadStream(path.join(work, file)));
        } catch (error) {
          copies.push({ location: store.location, role, state: 'unreachable', checkedAt: new Date().toISOString(), reason: `${store.location}: copy failed: ${error instanceof Error ? error.message : String(error)}` });
          continue;
        }
      }
      // Read back and compared: a location holds the set only once every file's SHA-256 is the one written.
      copies.push(await verifyCopy(store, name, expected, role));
    }
    const sizeBytes = manifest.parts.reduce((n, p) => n + p.bytes, 0) + fs.statSync(path.join(work, MANIFEST)).size;
    const bad = copies.filter((c) => c.state !== 'verified');
    await admin('backups').where({ name }).update({
      status: copies[0]?.state === 'verified' ? 'done' : 'failed', finishedAt: new Date(), sizeBytes, manifest: JSON.stringify(manifest),
      locations: JSON.stringify(copies), error: bad.length ? bad.map((c) => c.reason).join('; ') : null,
    });
    if (copies[0]?.state !== 'verified') throw new Error(`the primary location does not hold the backup just written: ${copies[0]?.reason}`);
    return { ...manifest, copies };
  } catch (error) {
    await admin('backups').where({ name }).update({ status: 'failed', finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function PassThroughFrom(source: AsyncIterable<Buffer>): PassThrough {
  const through = new PassThrough();
  (async () => {
    for await (const chunk of source) if (!through.write(chunk)) await new Promise<void>((resolve) => through.once('drain', () => resolve()));
    through.end();
  })().catch((error: Error) => through.destroy(error));
  return through;
}

/** Applies the rotation to every store; marks the sets gone from the catalogue. Answers the names removed. */
export async function rotateBackups(admin: Knex, settings: BackupSettings): Promise<string[]> {
  const removed = new Set<string>();
  for (const store of settings.stores) {
    const items = (await store.list()).flatMap((name) => {
      const takenAt = takenAtOf(name);
      return takenAt ? [{ name, takenAt }] : [];
    });
    for (const name of rotate(items, settings.retention ?? RETENTION).remove) {
      await store.remove(name);
      removed.add(name);
    }
  }
  if (removed.size) await admin('backups').whereIn('name', [...removed]).whereNull('removedAt').update({ removedAt: new Date() });
  return [...removed].sort();
}

/** The newest set of the primary store that has a manifest. */
export async function latestBackup(settings: BackupSettings): Promise<string | null> {
  const store = settings.stores[0]!;
  const names = (await store.list()).filter((n) => takenAtOf(n)).sort().reverse();
  for (const name of names) if ((await store.files(name)).some((f) => f.file === MANIFEST)) return name;
  return null;
}

/** Fetches a set from its store into `work`, checks the seal and every part's SHA-256 (the reason names the file). */
async function fetchVerified(settings: BackupSettings, name: string, work: string): Promise<BackupManifest & { expected: ExpectedFile[] }> {
  const store = settings.stores[0]!;
  const text = await readText(store, name, MANIFEST);
  const manifest = unseal(text, settings.master);
  const expected: ExpectedFile[] = [...manifest.parts, { file: MANIFEST, sha256: crypto.createHash('sha256').update(text, 'utf8').digest('hex'), bytes: Buffer.byteLength(text, 'utf8') }];
  for (const part of manifest.parts) {
    const file = path.join(work, part.file);
    await new Promise<void>((resolve, reject) => {
      store.get(name, part.file).then((source) => {
        source.pipe(fs.createWriteStream(file, { mode: 0o600 })).on('finish', () => resolve()).on('error', reject);
        source.on('error', reject);
      }, reject);
    });
    const sha256 = await sha256OfFile(file);
    if (sha256 !== part.sha256) throw new Error(`checksum mismatch on ${part.file}: SHA-256 ${sha256.slice(0, 12)}… instead of ${part.sha256.slice(0, 12)}… recorded at backup time (the file is corrupted)`);
  }
  return { ...manifest, expected };
}

/**
 * The second locations of a set read back and compared with the primary's manifest; their states
 * recorded on the set in the catalogue (the primary's, verified by the caller, kept as it is).
 */
async function checkCopies(admin: Knex, settings: BackupSettings, name: string, expected: ExpectedFile[]): Promise<CopyState[]> {
  const copies: CopyState[] = [];
  for (const store of settings.stores.slice(1)) copies.push(await verifyCopy(store, name, expected, 'copy'));
  const row = await admin('backups').where({ name }).first('locations');
  const before = ((row?.locations ?? []) as Array<Partial<CopyState> & { location: string }>);
  // The primary's files were just read and their SHA-256 compared (fetchVerified).
  const merged: Array<Partial<CopyState> & { location: string }> = [
    { location: settings.stores[0]!.location, role: 'primary', state: 'verified', checkedAt: new Date().toISOString(), reason: null },
    ...copies,
    ...before.filter((l) => !settings.stores.some((s) => s.location === l.location)),
  ];
  await admin('backups').where({ name }).update({ locations: JSON.stringify(merged) });
  return copies;
}

/** Decrypts a part and feeds its frames to `consume`; resolves when both the tag checked and the consumer finished. */
async function withFrames<T>(file: string, master: Buffer, consume: (frames: ReturnType<typeof readFrames>, authentic: Promise<void>) => Promise<T>): Promise<T> {
  const gunzip = createGunzip();
  const authentic = decryptFile(file, master, gunzip);
  authentic.catch(() => gunzip.destroy());
  const [, result] = await Promise.all([authentic, consume(readFrames(gunzip), authentic)]);
  return result;
}

export interface DrillResult {
  outcome: 'pass' | 'fail';
  backupName: string | null;
  reason: string | null;
  details: { tables?: number; rows?: number; files?: FilesFact[]; differences?: string[]; appRoleRead?: boolean; copies?: CopyState[]; durationMs: number };
}

/**
 * The restore drill: the latest backup decrypted, its checksums verified, restored into a
 * scratch database (dropped after), every table's row count and checksum compared with those
 * recorded at backup time, the restored database opened as the application role, the files
 * extracted and counted. Recorded in `backup_drills`; never throws for a bad backup: the
 * outcome is `fail` with the reason.
 */
export async function runDrill(admin: Knex, settings: BackupSettings, request: { trigger: 'schedule' | 'manual'; requestedBy?: string | null; backupName?: string }): Promise<DrillResult & { id: string }> {
  const started = Date.now();
  const [row] = await admin('backupDrills').insert({ trigger: request.trigger, requestedBy: request.requestedBy ?? null }).returning('id');
  const id = (row as { id: string }).id;
  const scratch = `relais_drill_${crypto.randomBytes(6).toString('hex')}`;
  const work = path.join(settings.workDir, `drill-${scratch}`);
  let result: DrillResult;
  let name: string | null = null;
  try {
    name = request.backupName ?? await latestBackup(settings);
    if (!name) throw new Error('no backup to restore: none has been taken yet in the primary location');
    await admin('backupDrills').where({ id }).update({ backupName: name });
    fs.mkdirSync(work, { recursive: true, mode: 0o700 });
    const manifest = await fetchVerified(settings, name, work);
    // The second location first: a copy missing or corrupt fails the drill at once, loudly (the set would not survive the primary's loss).
    const copies = await checkCopies(admin, settings, name, manifest.expected);
    const badCopies = copies.filter((c) => c.state !== 'verified');
    if (badCopies.length) throw Object.assign(new Error(`second location: ${badCopies.map((c) => c.reason).join('; ')}`), { copies });
    await admin.raw(`create database ${scratch}`);
    const scratchUrl = onDatabase(settings.adminUrl, scratch);
    await migrateTo(scratchUrl, manifest.database.migrations);
    await withFrames(path.join(work, DATABASE_FILE), settings.master, (frames, authentic) => loadDatabase(scratchUrl, frames, manifest.database.sequences, authentic));
    const client = await openClient(scratchUrl);
    const restored = await measure(client).finally(() => client.end());
    const differences = compareFacts(manifest.database, restored);
    const appRoleRead = await readsAsApplication(onDatabase(settings.appUrl, scratch));
    const files = await withFrames(path.join(work, FILES_FILE), settings.master, (frames) => extractFiles(frames, path.join(work, 'files')));
    const fileDifferences = manifest.files.filter((f) => {
      const got = files.find((g) => g.root === f.root) ?? { files: 0, bytes: 0 };
      return got.files !== f.files || got.bytes !== f.bytes;
    }).map((f) => `${f.root}: ${f.files} files at backup time, not the same restored`);
    const all = [...differences, ...fileDifferences, ...(appRoleRead ? [] : ['the application role could not read the restored database'])];
    result = {
      outcome: all.length ? 'fail' : 'pass', backupName: name, reason: all.length ? all.slice(0, 5).join('; ') : null,
      details: { tables: restored.tables.length, rows: restored.tables.reduce((n, t) => n + t.rows, 0), files, differences: all, appRoleRead, copies, durationMs: Date.now() - started },
    };
  } catch (error) {
    const copies = (error as { copies?: CopyState[] }).copies;
    result = { outcome: 'fail', backupName: name, reason: error instanceof Error ? error.message : String(error), details: { durationMs: Date.now() - started, ...(copies ? { copies } : {}) } };
  } finally {
    await admin.raw(`drop database if exists ${scratch} with (force)`).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
  await admin('backupDrills').where({ id }).update({ outcome: result.outcome, reason: result.reason, details: JSON.stringify(result.details), finishedAt: new Date() });
  return { id, ...result };
}

/** Opens the restored database as the application role and reads an organisation-owned table (row-level security applies). */
async function readsAsApplication(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select count(*) from accounts');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Restores a set for real into `targetUrl` (the configured database): verified like a drill,
 * the target migrated to the backup's migrations (an empty database, or one at the same
 * version), every row replaced in one transaction, then counted and compared; the documents
 * store's files written back (the current directory kept aside). Throws with the reason.
 */
export async function restoreBackup(settings: BackupSettings, name: string, targetUrl: string, documents?: { dir: string }, temporal?: { dbFile: string }): Promise<{ manifest: BackupManifest; keptAside?: string; temporalPending?: string }> {
  const work = path.join(settings.workDir, `restore-${name}-${process.pid}`);
  fs.mkdirSync(work, { recursive: true, mode: 0o700 });
  try {
    const manifest = await fetchVerified(settings, name, work);
    await migrateTo(targetUrl, manifest.database.migrations);
    await withFrames(path.join(work, DATABASE_FILE), settings.master, (frames, authentic) => loadDatabase(targetUrl, frames, manifest.database.sequences, authentic));
    const client = await openClient(targetUrl);
    const restored = await measure(client).finally(() => client.end());
    const differences = compareFacts(manifest.database, restored);
    if (differences.length) throw new Error(`restored, but the database differs from the backup: ${differences.slice(0, 5).join('; ')}`);
    let keptAside: string | undefined;
    let temporalPending: string | undefined;
    if (documents || temporal) {
      const extracted = path.join(work, 'files');
      await withFrames(path.join(work, FILES_FILE), settings.master, (frames) => extractFiles(frames, extracted));
      if (temporal) temporalPending = stageTemporalState(path.join(extracted, 'temporal'), temporal.dbFile);
      if (documents && fs.existsSync(path.join(extracted, 'documents'))) {
        if (fs.existsSync(documents.dir)) {
          keptAside = `${documents.dir}.before-restore-${Date.now()}`;
          fs.renameSync(documents.dir, keptAside);
        }
        fs.mkdirSync(path.dirname(documents.dir), { recursive: true });
        fs.cpSync(path.join(extracted, 'documents'), documents.dir, { recursive: true });
      }
    }
    return { manifest, keptAside, temporalPending };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The catalogue rebuilt from the stores' manifests (after a restore, the database holds the catalogue of its own time). */
export async function recordStoredBackups(admin: Knex, settings: BackupSettings): Promise<number> {
  let recorded = 0;
  for (const store of settings.stores) {
    for (const name of await store.list()) {
      const files = await store.files(name).catch(() => []);
      if (!files.some((f) => f.file === MANIFEST)) continue;
      const manifest = unseal(await readText(store, name, MANIFEST), settings.master);
      const sizeBytes = files.reduce((n, f) => n + f.bytes, 0);
      const existing = await admin('backups').where({ name }).first('locations');
      const locations = [...new Set([...((existing?.locations as Array<{ location: string }> | undefined) ?? []).map((l) => l.location), store.location])].map((location) => ({ location }));
      await admin('backups').insert({
        name, status: 'done', startedAt: manifest.takenAt, finishedAt: manifest.finishedAt, sizeBytes, manifest: JSON.stringify(manifest), locations: JSON.stringify(locations),
      }).onConflict('name').merge({ status: 'done', locations: JSON.stringify(locations), removedAt: null });
      recorded++;
    }
  }
  return recorded;
}
