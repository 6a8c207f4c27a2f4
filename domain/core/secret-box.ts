import crypto from 'node:crypto';
import { env } from '../../config/env';

/**
 * Encryption at rest for integration secrets (DESIGN §3): AES-256-GCM with a
 * random 96-bit IV per value. The stored form is versioned so the algorithm or
 * the key can change later without guessing what an old value is:
 *   v1.<iv>.<auth tag>.<ciphertext>   (base64url parts)
 * A context string (e.g. "<tenant id>/twilio-auth-token") is bound as
 * associated data: a value copied to another tenant or column fails to open.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export class SecretBoxError extends Error {}

const VERSION = 'v1';

/** The key is derived (HKDF) from RELAIS_SECRET_KEY, so any string of 32+ characters is a usable secret. */
function deriveKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'relais secret-box v1', 32));
}

export function createSecretBox(secret: string): SecretBox {
  if (secret.length < 32) throw new SecretBoxError('The secret key must be at least 32 characters.');
  const key = deriveKey(secret);
  return {
    seal(plaintext, context) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('This secret was not sealed by a known version of the secret box.');
      const [, iv, tag, ciphertext] = parts as [string, string, string, string];
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // Wrong key, wrong context or tampered value: GCM cannot tell which, and neither do we.
        throw new SecretBoxError('A stored secret could not be decrypted: RELAIS_SECRET_KEY changed, or the value was altered. Enter the secret again.');
      }
    },
  };
}

let fromEnv: SecretBox | undefined;
/** The process's secret box, keyed by RELAIS_SECRET_KEY (read once). */
export function defaultSecretBox(): SecretBox {
  if (!fromEnv) {
    const secret = env().RELAIS_SECRET_KEY;
    if (!secret) throw new SecretBoxError('RELAIS_SECRET_KEY is not set (at least 32 random characters); `npm start` creates one under .relais/.');
    fromEnv = createSecretBox(secret);
  }
  return fromEnv;
}
