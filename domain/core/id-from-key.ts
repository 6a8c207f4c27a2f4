import crypto from 'node:crypto';

/**
 * A record id derived from an idempotency key (a UUID in version 5's layout
 * over SHA-256): a retried step finds, or writes again, the record its first
 * attempt created, and starts nothing a second time under another id.
 */
export function idFromKey(key: string): string {
  const h = crypto.createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
