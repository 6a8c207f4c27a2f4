import type { Message } from '../i18n/messages';
import { checkNir } from './nir';
import { portalMessage as m } from './portal.messages';

/**
 * The fields of a student's record a correction request may be about (issue 18, ADR 0053), and how a requested
 * value is checked and normalised. Pure: no database, unit-tested.
 *
 * Every field goes through a request the student office decides, contact fields included: the Excel registry stays
 * the school's source of truth until it stops its daily import, and a direct edit here would be overwritten by the
 * next morning's file; the office copies an accepted correction into its workbook too.
 */
export const CORRECTABLE_FIELDS = ['lastName', 'firstName', 'nir', 'status', 'promotion', 'cursus', 'address', 'postalCode', 'city', 'personalPhone', 'email'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** The fields the school owns (identity and schooling) and the student's own contact fields. */
export const SCHOOL_OWNED_FIELDS: readonly CorrectableField[] = ['lastName', 'firstName', 'nir', 'status', 'promotion', 'cursus'];
export const CONTACT_FIELDS: readonly CorrectableField[] = ['address', 'postalCode', 'city', 'personalPhone', 'email'];

export const STUDENT_STATUSES = ['prospect', 'enrolled', 'alumni'] as const;

export type CheckedValue = { ok: true; value: string } | { ok: false; message: Message };

const NAME = /^[\p{L}][\p{L}\p{M}' -]{0,99}$/u;
const POSTAL_CODE = /^\d{5}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** A French or international phone number as E.164 (`06 12 34 56 78` → `+33612345678`), or null. */
export function toE164(raw: string): string | null {
  const compact = raw.replace(/[\s.\-()]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  if (/^00[1-9]\d{7,14}$/.test(compact)) return `+${compact.slice(2)}`;
  return null;
}

/** Checks a requested value for a field and answers it normalised (trimmed, E.164 phone, NIR without spaces). */
export function checkRequestedValue(field: CorrectableField, raw: string): CheckedValue {
  const value = raw.trim().replace(/\s+/g, ' ');
  switch (field) {
    case 'lastName':
    case 'firstName':
      return NAME.test(value) ? { ok: true, value } : { ok: false, message: m('school.portal.field-name') };
    case 'nir': {
      const nir = checkNir(value);
      return nir.ok ? { ok: true, value: nir.nir } : { ok: false, message: m('school.portal.field-nir') };
    }
    case 'status':
      return (STUDENT_STATUSES as readonly string[]).includes(value) ? { ok: true, value } : { ok: false, message: m('school.portal.field-status') };
    case 'promotion': {
      const year = Number(value);
      return /^\d{4}$/.test(value) && year >= 1950 && year <= 2100 ? { ok: true, value } : { ok: false, message: m('school.portal.field-promotion') };
    }
    case 'cursus':
    case 'address':
    case 'city':
      return value.length >= 1 && value.length <= 200 ? { ok: true, value } : { ok: false, message: m('school.portal.field-text') };
    case 'postalCode':
      return POSTAL_CODE.test(value) ? { ok: true, value } : { ok: false, message: m('school.portal.field-postal-code') };
    case 'personalPhone': {
      const phone = toE164(value);
      return phone ? { ok: true, value: phone } : { ok: false, message: m('school.portal.field-phone') };
    }
    case 'email':
      return EMAIL.test(value) && value.length <= 200 ? { ok: true, value: value.toLowerCase() } : { ok: false, message: m('school.portal.field-email') };
  }
}

/** The registry's column of each field (`school_students`, camelCase as Knex maps it). */
export const FIELD_COLUMN: Record<Exclude<CorrectableField, 'nir'>, string> = {
  lastName: 'lastName', firstName: 'firstName', status: 'status', promotion: 'promotion', cursus: 'cursus',
  address: 'address', postalCode: 'postalCode', city: 'city', personalPhone: 'personalPhone', email: 'email',
};
