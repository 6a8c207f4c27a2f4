import crypto from 'node:crypto';
import type { AnonymisationOperator } from './personal-data';

/**
 * The anonymisation operators (Presidio's vocabulary): pure functions from a value to its anonymised
 * form. Erasure and retention (issue 15, after this foundation) apply them column by column as the
 * declarations say. A value that is null stays null; a value the operator cannot read (a date that is
 * not one) is erased rather than kept.
 */
export type Anonymisable = string | number | boolean | Date | null | Record<string, unknown> | unknown[];

/** The key pseudonyms are made with: the tenant's, escrowed (sealed by the secret box) so a legal authority can re-link. */
export interface PseudonymKey {
  id: string;
  secret: Buffer;
}

/** A keyed hash: the same value under the same key always gives the same pseudonym; nothing reads it back without the key. */
export function pseudonymise(value: string, key: PseudonymKey): string {
  const mac = crypto.createHmac('sha256', key.secret).update(value.normalize('NFC').trim().toLowerCase()).digest('base64url');
  return `pseudo:${key.id}:${mac.slice(0, 22)}`;
}

/** `75011` → `75` (the département), `2A004` → `2A`, overseas `97411` → `974`. */
export function maskPostalCode(value: string): string | null {
  const code = value.replace(/\s+/g, '').toUpperCase();
  if (/^97\d{3}$/.test(code) || /^98\d{3}$/.test(code)) return code.slice(0, 3);
  if (/^(\d{2}|2A|2B)\d{3}$/.test(code)) return code.slice(0, 2);
  return null;
}

/** `jean.dupont@exemple.fr` → `***@exemple.fr`. */
export function maskEmail(value: string): string | null {
  const at = value.lastIndexOf('@');
  return at > 0 && at < value.length - 1 ? `***@${value.slice(at + 1).toLowerCase()}` : null;
}

/** `+33 6 12 34 56 78` → `••••••••78` (as many dots as hidden digits). */
export function maskPhone(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 4 ? `${'•'.repeat(digits.length - 2)}${digits.slice(-2)}` : null;
}

/** `12 rue de la Paix, 75002 Paris` → `Paris`: what follows a French postal code, else the last part after a comma. */
export function maskToTown(value: string): string | null {
  const afterCode = /\b(?:\d{5}|2[AB]\d{3})\s+([^,\n\d][^,\n]*)$/i.exec(value.trim());
  if (afterCode) return afterCode[1]!.trim();
  const parts = value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 1]!.replace(/^\d+\s*/, '') || null : null;
}

/** `Jean-Pierre Le Goff` → `J.-P. L. G.`. */
export function maskToInitials(value: string): string | null {
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  return words.map((w) => w.split('-').map((part) => `${part.charAt(0).toUpperCase()}.`).join('-')).join(' ');
}

function asDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}(-\d{2})?/.test(value)) return null;
  const date = new Date(value.length === 7 ? `${value}-01` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `1987-06-14` → `1987` (year) or `1987-06` (month), read in UTC. */
export function generaliseDate(value: unknown, to: 'month' | 'year'): string | null {
  const date = asDate(value);
  if (!date) return null;
  const iso = date.toISOString();
  return to === 'year' ? iso.slice(0, 4) : iso.slice(0, 7);
}

/** Applies an operator to one value. `key` is needed only by `pseudonymise`. */
export function anonymise(value: Anonymisable, operator: AnonymisationOperator, key?: PseudonymKey): Anonymisable {
  if (value === null || value === undefined) return null;
  switch (operator.kind) {
    case 'keep':
      return value;
    case 'erase':
      return null;
    case 'pseudonymise': {
      if (!key) throw new Error('pseudonymise needs the tenant\'s escrowed key');
      return pseudonymise(typeof value === 'string' ? value : JSON.stringify(value), key);
    }
    case 'generalise':
      return generaliseDate(value, operator.to);
    case 'mask': {
      if (typeof value !== 'string') return null;
      const masks = {
        town: maskToTown, 'postal-department': maskPostalCode, 'email-domain': maskEmail, 'phone-last-digits': maskPhone, initials: maskToInitials,
      } as const;
      return masks[operator.keep](value);
    }
  }
}
