import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BackupStore } from '../../integrations/storage/backup-store.port';
import type { CopyState } from './backup.schema';

/** A file a set must hold, as written: its SHA-256 and size. */
export interface ExpectedFile {
  file: string;
  sha256: string;
  bytes: number;
}

/** SHA-256 and size of what a store answers for a file (read back whole, streamed). */
export async function storedDigest(store: BackupStore, set: string, file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of (await store.get(set, file)) as Readable as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Proves that a location really holds a set: every file listed, then read back and its SHA-256
 * compared with the one written. Never throws: a location out of reach, a file missing or
 * different is the answer's state, with the first reason (no secret: a location names a
 * directory or a bucket, never its keys).
 */
export async function verifyCopy(store: BackupStore, set: string, expected: readonly ExpectedFile[], role: CopyState['role'], now = () => new Date()): Promise<CopyState> {
  const base = { location: store.location, role };
  let present: Array<{ file: string; bytes: number }>;
  try {
    present = await store.files(set);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...base, state: 'missing', checkedAt: now().toISOString(), reason: `${store.location}: the set ${set} is missing` };
    return { ...base, state: 'unreachable', checkedAt: now().toISOString(), reason: `${store.location}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const missing = expected.filter((e) => !present.some((p) => p.file === e.file)).map((e) => e.file);
  if (missing.length) return { ...base, state: 'missing', checkedAt: now().toISOString(), reason: `${store.location}: ${missing.join(', ')} missing from ${set}` };
  for (const file of expected) {
    let got: { sha256: string; bytes: number };
    try {
      got = await storedDigest(store, set, file.file);
    } catch (error) {
      return { ...base, state: 'unreachable', checkedAt: now().toISOString(), reason: `${store.location}: ${file.file} unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (got.sha256 !== file.sha256 || got.bytes !== file.bytes) {
      return {
        ...base, state: 'corrupt', checkedAt: now().toISOString(),
        reason: `${store.location}: checksum mismatch on ${file.file} of ${set}: SHA-256 ${got.sha256.slice(0, 12)}… (${got.bytes} bytes) instead of ${file.sha256.slice(0, 12)}… (${file.bytes} bytes) written`,
      };
    }
  }
  return { ...base, state: 'verified', checkedAt: now().toISOString(), reason: null };
}
