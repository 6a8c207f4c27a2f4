import crypto from 'node:crypto';

/**
 * The signature of an operator's notification (ADR 0042): HMAC-SHA256 of the raw body with the
 * connection's webhook secret, hex, sent as `sha256=<hex>` (or the bare hex) in the adapter's header
 * (`X-Signature` unless the adapter names another). Compared in constant time.
 */
export const DEFAULT_WEBHOOK_SIGNATURE_HEADER = 'x-signature';

export function signWebhook(rawBody: Buffer | string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function webhookSignatureValid(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^sha256=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
