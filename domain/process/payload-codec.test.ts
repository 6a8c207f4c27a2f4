import crypto from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { ENCRYPTED_ENCODING, TenantPayloadCodec, tenantOfContext, type KeyRing } from './payload-codec';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';

/** Keys in memory: one per tenant, one platform key. */
function memoryKeyRing(): KeyRing & { keys: Map<string, { id: string; key: Buffer }> } {
  const keys = new Map<string, { id: string; key: Buffer }>();
  const current = async (tenantId: string | null) => {
    const name = tenantId ?? 'platform';
    if (!keys.has(name)) keys.set(name, { id: tenantId ? crypto.randomUUID() : 'platform', key: crypto.randomBytes(32) });
    return keys.get(name)!;
  };
  return {
    keys, current,
    async byId(_tenantId, keyId) {
      const found = [...keys.values()].find((k) => k.id === keyId);
      if (!found) throw new Error('unknown key');
      return found;
    },
  };
}

const json = (value: unknown): Payload => ({ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode(JSON.stringify(value)) });
const wf = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });

describe('TenantPayloadCodec', () => {
  it('encrypts each payload with the key of the tenant that owns the workflow, and decodes it back exactly', async () => {
    const ring = memoryKeyRing();
    const codec = new TenantPayloadCodec(ring);
    const original = [json({ clientId: 'c-1', fullName: 'Kevin Casey' }), json(null)];
    const encoded = await codec.encode(original, wf(`${TENANT_A}/events.lead-to-event/c-1`));
    for (const p of encoded) {
      expect(new TextDecoder().decode(p.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(Buffer.from(p.data!).toString('latin1')).not.toContain('Kevin');
    }
    expect(new TextDecoder().decode(encoded[0]!.metadata!['relais-key-id'])).toBe(ring.keys.get(TENANT_A)!.id);
    expect(await codec.decode(encoded)).toEqual(original);
  });

  it('uses activity contexts too, and the platform key for workflow ids outside the tenant scheme', async () => {
    const ring = memoryKeyRing();
    const codec = new TenantPayloadCodec(ring);
    await codec.encode([json(1)], { type: 'activity', namespace: 'default', workflowId: `${TENANT_B}/x/y`, isLocal: false });
    await codec.encode([json(1)], wf('bench-123'));
    expect([...ring.keys.keys()].sort()).toEqual([TENANT_B, 'platform'].sort());
  });

  it('refuses a payload moved to another tenant or altered', async () => {
    const ring = memoryKeyRing();
    const codec = new TenantPayloadCodec(ring);
    const [sealed] = await codec.encode([json({ amount: 1 })], wf(`${TENANT_A}/p/k`));
    const moved = { ...sealed!, metadata: { ...sealed!.metadata, 'relais-tenant': new TextEncoder().encode(TENANT_B) } };
    await expect(codec.decode([moved])).rejects.toThrow();
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: new Uint8Array(data) }])).rejects.toThrow();
  });

  it('decodes payloads written before encryption as they are (running instances keep replaying)', async () => {
    const codec = new TenantPayloadCodec(memoryKeyRing());
    const plain = [json({ old: true })];
    expect(await codec.decode(plain)).toEqual(plain);
  });

  it('reads the tenant from the first segment of the workflow id only when it is a tenant id', () => {
    expect(tenantOfContext(wf(`${TENANT_A}/events.lead-to-event/abc`))).toBe(TENANT_A);
    expect(tenantOfContext(wf('smoke/abc'))).toBeNull();
    expect(tenantOfContext(undefined)).toBeNull();
  });
});
