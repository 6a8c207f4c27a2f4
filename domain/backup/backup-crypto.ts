import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';

/**
 * Encryption of backup files: AES-256-GCM, streamed (a file is never held in
 * memory whole). Layout of an encrypted file: MAGIC (8 bytes) · salt (16) ·
 * IV (12) · ciphertext · GCM tag (16). Each file's key is derived by HKDF from
 * the backup key and the file's random salt, so no key/IV pair is ever reused.
 */
const MAGIC = Buffer.from('RLSBK1\0\0', 'latin1');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES;

/** The backup master key (32 bytes) from RELAIS_BACKUP_KEY, else from the platform's RELAIS_SECRET_KEY. */
export function backupMasterKey(secret: string): Buffer {
  if (secret.length < 32) throw new Error('The backup key must be at least 32 characters long.');
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'relais-backup-v1', 'backup master key', 32));
}

function fileKey(master: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, salt, 'relais-backup-file', 32));
}

/** A pass-through that hashes (SHA-256) and counts what goes through it. */
export function digestTap(): Transform & { sha256(): string; bytes(): number } {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(tap, { sha256: () => hash.digest('hex'), bytes: () => bytes });
}

export interface EncryptedFile {
  bytes: number;
  /** SHA-256 of the encrypted file as stored (what the manifest records and the drill checks first). */
  sha256: string;
}

/** Encrypts `source` into `file` (mode 600) and answers the stored file's size and SHA-256. */
export async function encryptToFile(source: Readable, master: Buffer, file: string): Promise<EncryptedFile> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', fileKey(master, salt), iv);
  const tap = digestTap();
  const out = fs.createWriteStream(file, { mode: 0o600 });
  tap.write(Buffer.concat([MAGIC, salt, iv]));
  // The GCM tag follows the ciphertext: appended when the cipher ends.
  const withTag = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, chunk);
    },
    flush(done) {
      done(null, cipher.getAuthTag());
    },
  });
  await pipeline(source, cipher, withTag, tap, out);
  return { bytes: tap.bytes(), sha256: tap.sha256() };
}

/** SHA-256 of a file, streamed. */
export async function sha256OfFile(file: string): Promise<string> {
  const tap = digestTap();
  await pipeline(fs.createReadStream(file), tap, async function* drain(source) {
    for await (const chunk of source) void chunk;
  });
  return tap.sha256();
}

/**
 * Decrypts `file` into `target`. The GCM tag is checked when the last byte has
 * gone through: until this promise resolves, what was written is not trusted
 * (the callers write to a scratch file or database and use it only after).
 * A file changed by one bit rejects with a message naming the failure.
 */
export async function decryptFile(file: string, master: Buffer, target: Writable): Promise<void> {
  const size = (await fs.promises.stat(file)).size;
  if (size < HEADER_BYTES + TAG_BYTES) throw new Error(`${file}: too short to be an encrypted backup file (${size} bytes)`);
  const handle = await fs.promises.open(file, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(header, 0, HEADER_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${file}: not an encrypted Relais backup file (unknown header)`);
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const iv = header.subarray(MAGIC.length + SALT_BYTES);
  const decipher = crypto.createDecipheriv('aes-256-gcm', fileKey(master, salt), iv);
  decipher.setAuthTag(tag);
  try {
    await pipeline(fs.createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }), decipher, target);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/unable to authenticate|auth/i.test(message)) throw new Error(`${file}: decryption failed, the file was changed or the key is not the one it was encrypted with`);
    throw error;
  }
}

/** HMAC-SHA256 of a manifest's text with the master key: a manifest edited by hand is refused. */
export function manifestSeal(master: Buffer, text: string): string {
  return crypto.createHmac('sha256', master).update(text).digest('hex');
}
