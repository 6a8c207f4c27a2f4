import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { ownerOnly, startTemporalDevServer } from './temporal-dev-server';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
/** The mode of a file, or undefined when SQLite removed it meanwhile (its rollback journal is transient). */
const modeIfPresent = (file: string) => {
  try { return modeOf(file).toString(8); } catch (error) { if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; throw error; }
};

describe('the Temporal dev server of npm start', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-temporal-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes its database (and SQLite\'s -wal and -shm) and its log readable by the owner only (600), also when an older start left them 644', async () => {
    const dbFile = path.join(dir, 'temporal.db');
    const logFile = path.join(dir, 'temporal.log');
    fs.writeFileSync(logFile, '', { mode: 0o644 });
    fs.chmodSync(logFile, 0o644);
    const server = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), dbFile, logFile });
    try {
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('temporal.'));
      expect(files).toEqual(expect.arrayContaining(['temporal.db', 'temporal.log']));
      for (const file of files) {
        const mode = modeIfPresent(path.join(dir, file));
        if (mode !== undefined) expect({ file, mode }).toEqual({ file, mode: '600' });
      }
    } finally {
      await server.stop();
    }
    // A database left world-readable by an older version is made 600 again on the next start.
    fs.chmodSync(dbFile, 0o644);
    ownerOnly(dbFile);
    expect(modeOf(dbFile).toString(8)).toBe('600');
  }, 90_000);

  it('leaves the process umask as it was', async () => {
    const before = process.umask(0o022);
    process.umask(before);
    const server = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), dbFile: path.join(dir, 'temporal.db') });
    await server.stop();
    const after = process.umask(before);
    expect(after).toBe(before);
  }, 90_000);
});
