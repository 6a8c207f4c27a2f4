import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { defaultSecretBox, type SecretBox } from '../core/secret-box';
import type { PseudonymKey } from './operators';

/**
 * Transfers' escrowed key (docs/adr/0030-transfers.md): one random 256-bit key per organisation, made at its
 * first pseudonymised transfer and kept sealed by the secret box (AES-256-GCM under RELAIS_SECRET_KEY, bound to
 * the organisation) in `gdpr_transfer_keys`. Each recipient gets a key of its own derived from it (HMAC of the
 * recipient's name and country), so the same person has the same pseudonym in every transfer to one
 * recipient and unrelated ones at two recipients; only whoever opens the key (the officer, through the
 * audited re-identification) can link a pseudonym back.
 */
const KEY_ID = 't1';
const sealContext = (tenantId: string) => `${tenantId}/gdpr-transfer-key/${KEY_ID}`;

/** A recipient as pseudonyms know it: its name (case, accents and spaces aside) and its country. */
export function recipientSlug(name: string, country: string): string {
  const plain = name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return `${plain}|${country.toUpperCase()}`;
}

/** The recipient's key, derived from the organisation's. */
export function recipientKey(organisationKey: Buffer, slug: string): PseudonymKey {
  return { id: KEY_ID, secret: crypto.createHmac('sha256', organisationKey).update(`relais transfer recipient v1|${slug}`).digest() };
}

/** The organisation's key, opened; made and sealed at its first use (in the caller's transaction, row-level security). */
export async function organisationTransferKey(trx: Knex.Transaction, tenantId: string, box: SecretBox = defaultSecretBox()): Promise<Buffer> {
  await trx('gdprTransferKeys')
    .insert({ tenantId, keyId: KEY_ID, sealed: box.seal(crypto.randomBytes(32).toString('base64'), sealContext(tenantId)) })
    .onConflict(['tenantId']).ignore();
  const row = await trx('gdprTransferKeys').where({ tenantId }).first('sealed');
  return Buffer.from(box.open(String(row.sealed), sealContext(tenantId)), 'base64');
}
