import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyRestoredTemporalState, restoredTemporalStatePending, stageTemporalState } from './temporal-state';

describe('the embedded Temporal state put back by a restore', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-temporal-state-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stages the backup\'s state beside the live one, and the next start swaps it in, the current state and its SQLite companions kept aside', () => {
    const dbFile = path.join(dir, 'temporal.db');
    const extracted = path.join(dir, 'extracted');
    fs.mkdirSync(extracted);
    fs.writeFileSync(path.join(extracted, 'temporal.db'), 'from the backup');
    fs.writeFileSync(path.join(extracted, 'temporal.db-wal'), 'wal of the backup');
    for (const [suffix, text] of [['', 'current'], ['-wal', 'current wal'], ['-shm', 'current shm']]) fs.writeFileSync(`${dbFile}${suffix}`, text!);

    expect(stageTemporalState(extracted, dbFile)).toBe(`${dbFile}.restored`);
    // Nothing live touched yet (the server holds it open).
    expect(fs.readFileSync(dbFile, 'utf8')).toBe('current');
    expect(restoredTemporalStatePending(dbFile)).toBe(true);

    const aside = applyRestoredTemporalState(dbFile, new Date('2026-12-04T20:00:00Z'))!;
    expect(path.basename(aside)).toBe('temporal.db.before-restore-20261204T200000Z');
    expect(fs.readFileSync(dbFile, 'utf8')).toBe('from the backup');
    expect(fs.readFileSync(`${dbFile}-wal`, 'utf8')).toBe('wal of the backup');
    expect(fs.existsSync(`${dbFile}-shm`)).toBe(false);
    expect(fs.readFileSync(`${aside}-shm`, 'utf8')).toBe('current shm');
    expect(fs.readFileSync(aside, 'utf8')).toBe('current');
    expect(restoredTemporalStatePending(dbFile)).toBe(false);
    expect(applyRestoredTemporalState(dbFile)).toBeUndefined();
  });

  it('stages nothing from a backup without an embedded Temporal (an external one)', () => {
    expect(stageTemporalState(path.join(dir, 'none'), path.join(dir, 'temporal.db'))).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
