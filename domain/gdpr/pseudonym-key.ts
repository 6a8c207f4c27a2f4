import crypto from 'node:crypto';
import { env } from '../../config/env';
import type { PseudonymKey } from './operators';

/**
 * An organisation's pseudonym key (docs/adr/0026-retention.md): derived (HKDF) from the platform's secret
 * (RELAIS_SECRET_KEY, escrowed with the backups' key) and the organisation's id, so the same value always
 * gives the same pseudonym within an organisation and never across two, and whoever holds the escrowed
 * secret can re-link on a legal authority's demand. A key store of its own may replace it (`id` names it).
 */
export function derivedPseudonymKey(tenantId: string, secret = env().RELAIS_SECRET_KEY ?? ''): PseudonymKey {
  if (secret.length < 32) throw new Error('RELAIS_SECRET_KEY is not set (at least 32 random characters): pseudonyms need it.');
  const derived = crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(tenantId, 'utf8'), 'relais pseudonym v1', 32);
  return { id: 'k1', secret: Buffer.from(derived) };
}
