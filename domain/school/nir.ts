import crypto from 'node:crypto';

/**
 * The French social security number (NIR, « numéro de sécurité sociale »):
 * 13 characters and a 2-digit control key, 15 in all. Sex (1, 2; 3, 4, 7, 8
 * for provisional numbers), year, month, department (2A and 2B for Corsica),
 * commune, order, key = 97 − (the 13-digit number mod 97), Corsica's 2A and
 * 2B counted as 19 and 18 for the key.
 *
 * The registry's natural key (issue 18). It is personal and sensitive: stored
 * sealed, found by a keyed hash (`nirLookupHash`), shown masked (`maskNir`)
 * except to roles allowed to see it, never logged.
 */
export type NirCheck =
  | { ok: true; nir: string }
  | { ok: false; reason: 'nir-format' | 'nir-key' };

/** Spaces, dots and dashes people type or Excel keeps are removed; letters uppercased. */
export function normaliseNir(raw: string): string {
  return raw.replace(/[\s.\-_]/g, '').toUpperCase();
}

const SHAPE = /^[1-478]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/;

/** The 13-character body as the number the key is computed on (2A → 19, 2B → 18). */
function bodyNumber(body: string): bigint {
  const corsica = body.slice(5, 7);
  if (corsica === '2A') return BigInt(body.replace('2A', '19'));
  if (corsica === '2B') return BigInt(body.replace('2B', '18'));
  return BigInt(body);
}

/** The control key of a 13-character body. */
export function nirKey(body: string): string {
  const key = 97n - (bodyNumber(body) % 97n);
  return key.toString().padStart(2, '0');
}

/** Validates a NIR: its shape, then its control key. Answers it normalised. */
export function checkNir(raw: string): NirCheck {
  const nir = normaliseNir(raw);
  if (!SHAPE.test(nir)) return { ok: false, reason: 'nir-format' };
  if (nirKey(nir.slice(0, 13)) !== nir.slice(13)) return { ok: false, reason: 'nir-key' };
  return { ok: true, nir };
}

/** How many trailing characters a masked NIR shows (the last digits of the order and the key). */
export const NIR_VISIBLE_DIGITS = 4;

/** « ••••••••••• 4512 »: what every role but those allowed to see it reads. */
export function maskNir(nir: string): string {
  return `${'•'.repeat(nir.length - NIR_VISIBLE_DIGITS)}${nir.slice(-NIR_VISIBLE_DIGITS)}`;
}

/** The masked form from its stored last digits (no need to open the sealed value). */
export function maskedFromLastDigits(lastDigits: string): string {
  return `${'•'.repeat(15 - lastDigits.length)}${lastDigits}`;
}

/**
 * The keyed hash the registry finds a student by (unique per organisation): HMAC-SHA-256 of the normalised NIR
 * with a key derived from the platform's secret and the organisation, so equal NIRs in two organisations do not
 * match and the hash alone reveals nothing without the secret.
 */
export function nirLookupHash(nir: string, secret: string, tenantId: string): string {
  return crypto.createHmac('sha256', lookupKey(secret, tenantId)).update(normaliseNir(nir)).digest('base64url');
}

/** The derived key, computed once per secret and organisation (an import hashes 100,000 NIRs). */
let lastKey: { secret: string; tenantId: string; key: Buffer } | undefined;
function lookupKey(secret: string, tenantId: string): Buffer {
  if (lastKey?.secret !== secret || lastKey.tenantId !== tenantId) {
    lastKey = { secret, tenantId, key: Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(tenantId, 'utf8'), 'relais school nir lookup v1', 32)) };
  }
  return lastKey.key;
}

/** The sealing context of a student's NIR (secret box associated data): a value copied elsewhere fails to open. */
export const nirSealContext = (tenantId: string): string => `${tenantId}/school-student-nir`;
