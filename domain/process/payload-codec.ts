import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { withTenant } from '../../db/tenant-scope';
import { createSecretBox, type SecretBox } from '../core/secret-box';
import { FAILURE_CONVERTER_PATH } from './failure-converter';

/**
 * The Temporal payload codec of DESIGN §5: every payload Relais sends to
 * Temporal (workflow inputs, activity inputs and results, signals, updates,
 * queries, results) is encrypted with AES-256-GCM under the key of the tenant
 * that owns the workflow, so a copy of Temporal's database reveals no business
 * data, and a tenant's key can be destroyed with the tenant.
 *
 * The tenant is the first segment of the workflow id (`<tenant>/<process>/<business key>`,
 * also for child workflows and campaigns), read from the serialization context
 * the SDK gives the codec. Payloads of workflows outside that scheme use a
 * platform key derived from RELAIS_SECRET_KEY. Payloads that are not encrypted
 * (histories written before the codec) are decoded as they are, so running
 * instances keep replaying.
 */
export const ENCRYPTED_ENCODING = 'binary/relais-aes-256-gcm';
const PLATFORM_KEY_ID = 'platform';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Key { id: string; key: Buffer }

export interface KeyRing {
  /** The key new payloads of this tenant (or of the platform, for null) are sealed with. */
  current(tenantId: string | null): Promise<Key>;
  /** The key a stored payload names. */
  byId(tenantId: string | null, keyId: string): Promise<Key>;
}

/** Tenant keys in PostgreSQL (sealed by the secret box), created on first use, cached in memory. */
export function postgresKeyRing(knex: Knex, box: SecretBox, platformSecret: string): KeyRing {
  const platform: Key = { id: PLATFORM_KEY_ID, key: Buffer.from(crypto.hkdfSync('sha256', Buffer.from(platformSecret, 'utf8'), Buffer.alloc(0), 'relais payload platform v1', 32)) };
  const currentByTenant = new Map<string, Promise<Key>>();
  const byKeyId = new Map<string, Key>();
  const context = (tenantId: string) => `${tenantId}/payload-key`;
  const open = (tenantId: string, row: { id: string; sealedKey: string }): Key => {
    const key = { id: row.id, key: Buffer.from(box.open(row.sealedKey, context(tenantId)), 'base64') };
    byKeyId.set(row.id, key);
    return key;
  };
  const loadCurrent = (tenantId: string) => withTenant({ tenantId }, async (trx) => {
    // One creator at a time per tenant, so two processes starting together agree on one key.
    await trx.raw("select pg_advisory_xact_lock(hashtext('payload_keys'), hashtext(?))", [tenantId]);
    // Row-level security limits this to the tenant already; the condition keeps it right on an owner connection too.
    let row = await trx('payloadKeys').where({ tenantId }).orderBy('createdAt', 'desc').first('id', 'sealedKey');
    if (!row) {
      [row] = await trx('payloadKeys').insert({ tenantId, sealedKey: box.seal(crypto.randomBytes(32).toString('base64'), context(tenantId)) }).returning(['id', 'sealedKey']);
    }
    return open(tenantId, row);
  }, knex);
  return {
    current(tenantId) {
      if (!tenantId) return Promise.resolve(platform);
      let pending = currentByTenant.get(tenantId);
      if (!pending) {
        pending = loadCurrent(tenantId);
        pending.catch(() => currentByTenant.delete(tenantId));
        currentByTenant.set(tenantId, pending);
      }
      return pending;
    },
    async byId(tenantId, keyId) {
      if (keyId === PLATFORM_KEY_ID) return platform;
      const cached = byKeyId.get(keyId);
      if (cached) return cached;
      if (!tenantId) throw new Error(`Payload key ${keyId} belongs to a tenant, but the payload names none.`);
      const row = await withTenant({ tenantId }, (trx) => trx('payloadKeys').where({ id: keyId, tenantId }).first('id', 'sealedKey'), knex);
      if (!row) throw new Error(`Payload key ${keyId} of tenant ${tenantId} is not in the database: this payload cannot be decrypted.`);
      return open(tenantId, row);
    },
  };
}

export function tenantOfContext(context?: SerializationContext): string | null {
  const workflowId = context?.workflowId;
  const first = workflowId?.split('/')[0];
  return first && UUID.test(first) ? first : null;
}

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : '');

/** The original payload (metadata and data) as bytes: what gets encrypted. */
function serialize(payload: Payload): Buffer {
  const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return Buffer.from(JSON.stringify({ m: metadata, d: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }), 'utf8');
}

function deserialize(bytes: Buffer): Payload {
  const { m, d } = JSON.parse(bytes.toString('utf8')) as { m: Record<string, string>; d: string };
  return { metadata: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])), data: new Uint8Array(Buffer.from(d, 'base64')) };
}

export class TenantPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: KeyRing) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const tenantId = tenantOfContext(context);
    const { id, key } = await this.keys.current(tenantId);
    return payloads.map((payload) => {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      // Bound to its tenant and key: a payload moved to another tenant's workflow does not open.
      cipher.setAAD(Buffer.from(`${tenantId ?? ''}/${id}`, 'utf8'));
      const sealed = Buffer.concat([iv, cipher.update(serialize(payload)), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text(ENCRYPTED_ENCODING), 'relais-key-id': text(id), 'relais-tenant': text(tenantId ?? '') },
        data: new Uint8Array(sealed),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map(async (payload) => {
      if (str(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const tenantId = str(payload.metadata?.['relais-tenant']) || null;
      const keyId = str(payload.metadata?.['relais-key-id']);
      const { key } = await this.keys.byId(tenantId, keyId);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAAD(Buffer.from(`${tenantId ?? ''}/${keyId}`, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return deserialize(Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]));
    }));
  }
}

/**
 * The data converter every Temporal client and worker of Relais uses (they
 * must agree). Failure messages and stack traces (an activity's error can
 * quote business data) travel in an encoded payload (failure-converter.ts), so
 * the codec encrypts them too; the workflow bundle must name the same
 * converter (`failureConverterPath`).
 * Without RELAIS_SECRET_KEY nothing is encrypted.
 */
export function processDataConverter(knex: Knex, secret: string | undefined): DataConverter {
  if (!secret) return { failureConverterPath: FAILURE_CONVERTER_PATH };
  return { payloadCodecs: [new TenantPayloadCodec(postgresKeyRing(knex, createSecretBox(secret), secret))], failureConverterPath: FAILURE_CONVERTER_PATH };
}
