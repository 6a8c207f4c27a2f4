import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { createSecretBox, defaultSecretBox, type SecretBox } from '../core/secret-box';

/**
 * Encryption at rest of what auditors capture (ADR 0035), with the tenant's key: the same per-tenant
 * 256-bit key that encrypts its process data in Temporal (`payload_keys`, sealed by RELAIS_SECRET_KEY,
 * DESIGN §5), made at its first use. Each value goes through the platform's secret box (AES-256-GCM,
 * random IV) keyed by that tenant key and bound to its tenant, table, column and row, so a value
 * copied to another row or tenant does not open. The stored form names the key:
 *   <payload key id>:<secret box's v1.iv.tag.ciphertext>
 * so values sealed before a new key was added still open.
 */
export interface CaptureCipher {
  seal(value: string | null | undefined, context: string): string | null;
  open(sealed: string | null | undefined, context: string): string | null;
  /** A keyed digest (HMAC-SHA256 under a key derived from the tenant's first key) of a value: compares without revealing. */
  digest(value: unknown): string;
}

const SEALED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:v1\.[\w-]+\.[\w-]+\.[\w-]*$/;
const boxes = new Map<string, { box: SecretBox; mac: Buffer }>();
const keyContext = (tenantId: string) => `${tenantId}/payload-key`;

function boxOf(keyId: string, sealedKey: string, tenantId: string, platform: SecretBox) {
  let entry = boxes.get(keyId);
  if (!entry) {
    const key = platform.open(sealedKey, keyContext(tenantId));
    entry = { box: createSecretBox(key), mac: Buffer.from(crypto.hkdfSync('sha256', Buffer.from(key, 'base64'), Buffer.alloc(0), 'relais audit capture digest v1', 32)) };
    boxes.set(keyId, entry);
  }
  return entry;
}

/** A stable JSON text (keys sorted) of a value, for digests. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The tenant's cipher, in the caller's transaction (row-level security: the tenant's keys only). */
export async function captureCipher(trx: Knex.Transaction, tenantId: string, platform: SecretBox = defaultSecretBox()): Promise<CaptureCipher> {
  let rows = await trx('payloadKeys').where({ tenantId }).orderBy('createdAt', 'desc').select('id', 'sealedKey');
  if (!rows.length) {
    // As the payload codec does: one creator at a time per tenant, so two requests agree on one key.
    await trx.raw("select pg_advisory_xact_lock(hashtext('payload_keys'), hashtext(?))", [tenantId]);
    rows = await trx('payloadKeys').where({ tenantId }).orderBy('createdAt', 'desc').select('id', 'sealedKey');
    if (!rows.length) {
      rows = await trx('payloadKeys').insert({ tenantId, sealedKey: platform.seal(crypto.randomBytes(32).toString('base64'), keyContext(tenantId)) }).returning(['id', 'sealedKey']);
    }
  }
  const byId = new Map(rows.map((r: { id: string; sealedKey: string }) => [String(r.id), String(r.sealedKey)]));
  const currentId = String(rows[0].id);
  const current = boxOf(currentId, byId.get(currentId)!, tenantId, platform);
  // Digests use the tenant's first key, so a retry after a new key was added still matches.
  const firstId = String(rows[rows.length - 1].id);
  const first = boxOf(firstId, byId.get(firstId)!, tenantId, platform);
  const bound = (context: string) => `${tenantId}/audit-capture/${context}`;
  return {
    seal(value, context) {
      if (value === null || value === undefined) return null;
      return `${currentId}:${current.box.seal(value, bound(context))}`;
    },
    open(sealed, context) {
      if (sealed === null || sealed === undefined) return null;
      // A value the anonymiser put in place of the ciphertext (a pseudonym, a mask) is no secret: answered as it is.
      if (!SEALED.test(sealed)) return sealed;
      const at = sealed.indexOf(':');
      const keyId = sealed.slice(0, at);
      const sealedKey = byId.get(keyId);
      if (at < 0 || !sealedKey) throw new Error(`A captured value names key ${keyId || '?'}, which is not this tenant's.`);
      return boxOf(keyId, sealedKey, tenantId, platform).box.open(sealed.slice(at + 1), bound(context));
    },
    digest(value) {
      return crypto.createHmac('sha256', first.mac).update(canonical(value)).digest('base64url');
    },
  };
}
