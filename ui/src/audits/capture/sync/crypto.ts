/**
 * What the tablet stores is sealed with AES-GCM (WebCrypto) under a key generated on the device,
 * not extractable (no script can read its bytes), kept in the same database as what it seals and
 * destroyed with it at sign-out (ADR 0036 says what this protects against and what it does not).
 */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface Sealer {
  seal(value: unknown): Promise<Sealed>;
  open<T>(sealed: Sealed): Promise<T>;
  sealBytes(bytes: ArrayBuffer): Promise<Sealed>;
  openBytes(sealed: Sealed): Promise<ArrayBuffer>;
}

export function newDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export function sealerFor(key: CryptoKey): Sealer {
  const sealBytes = async (bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<Sealed> => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes) };
  };
  const openBytes = (sealed: Sealed): Promise<ArrayBuffer> => crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return {
    seal: (value) => sealBytes(new TextEncoder().encode(JSON.stringify(value))),
    open: async <T>(sealed: Sealed) => JSON.parse(new TextDecoder().decode(await openBytes(sealed))) as T,
    sealBytes,
    openBytes,
  };
}
