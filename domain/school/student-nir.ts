import type { Knex } from 'knex';
import { env } from '../../config/env';
import { defaultSecretBox } from '../core/secret-box';
import { ConflictError } from '../errors';
import { maskedFromLastDigits, NIR_VISIBLE_DIGITS, nirLookupHash, nirSealContext, normaliseNir } from './nir';
import { registryMessage } from './registry.messages';

/**
 * How a student's NIR is kept (ADR 0049): sealed by the secret box bound to the organisation, found by a keyed
 * hash unique per organisation, masked from its last digits. Nothing here logs or returns it in clear but `openNir`.
 */

/** The stored columns of a (checked, normalised) NIR. */
export interface SealedNir {
  nirSealed: string;
  nirHash: string;
  nirLastDigits: string;
}

/** The organisation's lookup hash of a NIR (normalised first): what the registry finds a student by. */
export function nirHashOf(tenantId: string, nir: string): string {
  const secret = env().RELAIS_SECRET_KEY;
  if (!secret) throw new Error('RELAIS_SECRET_KEY is not set: the registry cannot find a student by NIR.');
  return nirLookupHash(nir, secret, tenantId);
}

/** The columns a checked NIR is stored as. */
export function sealNir(tenantId: string, nir: string): SealedNir {
  const normalised = normaliseNir(nir);
  return {
    nirSealed: defaultSecretBox().seal(normalised, nirSealContext(tenantId)),
    nirHash: nirHashOf(tenantId, normalised),
    nirLastDigits: normalised.slice(-NIR_VISIBLE_DIGITS),
  };
}

/** The NIR in clear, for a reader allowed to see it (a detail read by `school.nir`). */
export function openNir(tenantId: string, sealed: string): string {
  return defaultSecretBox().open(sealed, nirSealContext(tenantId));
}

/** The masked form every other reader gets. */
export const maskedNir = maskedFromLastDigits;

/** The SQL of the masked NIR (a list's column, `maskedFromLastDigits` in the database: 11 dots and the last four). */
export const MASKED_NIR_SQL = `repeat('•', 15 - char_length(t.nir_last_digits)) || t.nir_last_digits`;

/**
 * The students of the organisation already holding these lookup hashes (an import's upsert on its natural key),
 * as hash → id. In the caller's transaction (row-level security: the tenant's own rows only).
 */
export async function findStudentIdsByNirHash(trx: Knex.Transaction, tenantId: string, hashes: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const rows = await trx('schoolStudents').where({ tenantId }).whereIn('nirHash', hashes.slice(i, i + 5000)).select('id', 'nirHash');
    for (const row of rows as Array<{ id: string; nirHash: string }>) found.set(row.nirHash, row.id);
  }
  return found;
}

/** Refuses a NIR another student of the organisation already holds (409 naming that student's number). */
export async function refuseTakenNir(trx: Knex.Transaction, tenantId: string, nirHash: string, exceptId?: string): Promise<void> {
  const qb = trx('schoolStudents').where({ tenantId, nirHash }).first('id', 'number');
  if (exceptId) qb.whereNot('id', exceptId);
  const existing = await qb;
  if (existing) throw new ConflictError(registryMessage('school.registry.nir-taken', { number: Number(existing.number) }), { studentNumber: Number(existing.number) });
}
