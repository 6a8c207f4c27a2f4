import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded Temporal's state (its SQLite file, `temporal.db` and its `-wal`) put back by a
 * restore. The server holds the file open while it runs, so the restore does not write over it:
 * it stages the backup's state beside it (`temporal.db.restored`, `temporal.db.restored-wal`) and
 * the next start of the embedded Temporal (scripts/start.ts) swaps it in before the server opens
 * it, the current state kept aside. Database rows and Temporal state then come from the same night.
 */
const STAGED = '.restored';
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

/** Stages the state extracted from a backup (`<extracted>/temporal.db[-wal]`) for `dbFile`; answers the staged file, or undefined when the backup holds none. */
export function stageTemporalState(extracted: string, dbFile: string): string | undefined {
  const source = path.join(extracted, 'temporal.db');
  if (!fs.existsSync(source)) return undefined;
  const staged = `${dbFile}${STAGED}`;
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  fs.rmSync(`${staged}-wal`, { force: true });
  if (fs.existsSync(`${source}-wal`)) {
    fs.copyFileSync(`${source}-wal`, `${staged}-wal.part`);
    fs.renameSync(`${staged}-wal.part`, `${staged}-wal`);
    fs.chmodSync(`${staged}-wal`, 0o600);
  }
  // The database file last: its presence is what the next start looks for.
  fs.copyFileSync(source, `${staged}.part`);
  fs.chmodSync(`${staged}.part`, 0o600);
  fs.renameSync(`${staged}.part`, staged);
  return staged;
}

/** Whether a restored state waits for the next start. */
export function restoredTemporalStatePending(dbFile: string): boolean {
  return fs.existsSync(`${dbFile}${STAGED}`);
}

/**
 * Before the embedded Temporal starts: swaps a staged restored state in, the current one (and
 * SQLite's companions) renamed `temporal.db.before-restore-<time>`. Answers that name, or
 * undefined when nothing was staged. The server must not be running.
 */
export function applyRestoredTemporalState(dbFile: string, now = new Date()): string | undefined {
  const staged = `${dbFile}${STAGED}`;
  if (!fs.existsSync(staged)) return undefined;
  const aside = `${dbFile}.before-restore-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
  for (const suffix of ['', ...SQLITE_COMPANIONS]) {
    if (fs.existsSync(`${dbFile}${suffix}`)) fs.renameSync(`${dbFile}${suffix}`, `${aside}${suffix}`);
  }
  if (fs.existsSync(`${staged}-wal`)) fs.renameSync(`${staged}-wal`, `${dbFile}-wal`);
  fs.renameSync(staged, dbFile);
  return aside;
}
