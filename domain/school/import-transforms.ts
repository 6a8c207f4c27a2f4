import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { checkNir } from './nir';
import { importMessage as m } from './import.messages';
import type { Message } from '../i18n/messages';

/**
 * The specification's four transformation cases (spec 004 « Tableau des transformations », ADR 0050) and the
 * other columns of the student registry, pure: a cell's text in, the values or the rejection's reason out.
 * A row that does not fit a case is rejected with its reason, never guessed.
 */
export type Transformed<T> = { ok: true; value: T } | { ok: false; reason: Message };

const ok = <T>(value: T): Transformed<T> => ({ ok: true, value });
const no = <T>(reason: Message): Transformed<T> => ({ ok: false, reason });

/** A cell's text: trimmed, runs of blanks (non-breaking spaces and tabs too) as one space. */
export function cellText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return String(raw).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export interface PostalAddress { address: string; postalCode: string; city: string }

/**
 * Cases 1 and 3: « Adresse, Code postal, Ville ». The last comma (searched from the right) gives the city, the one
 * before it the postcode (5 digits), the rest — which may itself hold commas — is the address. An empty cell is
 * no address (all three left empty); fewer than two commas, an empty part or a postcode that is not 5 digits is rejected.
 */
export function splitAddress(raw: unknown): Transformed<PostalAddress | null> {
  const text = cellText(raw);
  if (!text) return ok(null);
  const last = text.lastIndexOf(',');
  const before = last < 0 ? -1 : text.lastIndexOf(',', last - 1);
  if (before < 0) return no(m('school.import.address-format'));
  const address = text.slice(0, before).trim();
  const postalCode = text.slice(before + 1, last).trim();
  const city = text.slice(last + 1).trim();
  if (!address || !city || !postalCode) return no(m('school.import.address-format'));
  if (!/^\d{5}$/.test(postalCode)) return no(m('school.import.postcode-format', { value: postalCode }));
  return ok({ address, postalCode, city });
}

export interface PersonName { lastName: string; firstName: string }

const FIRST_NAME = /^\p{L}+(?:['’-]\p{L}+)*$/u;
const LAST_NAME = /^\p{L}+(?:(?:['’-]| )\p{L}+)*$/u;

/**
 * Case 2: « Nom Prénom ». The column's format is checked first (letters only, at least two words), then the text
 * is cut at the first space from the right: the last word is the first name (a composite first name is written with a
 * hyphen, « Jean-Pierre »), everything before it the last name (« LE GALL »).
 */
export function splitName(raw: unknown): Transformed<PersonName> {
  const text = cellText(raw);
  if (!text) return no(m('school.import.name-missing'));
  const cut = text.lastIndexOf(' ');
  if (cut < 0) return no(m('school.import.name-format'));
  const lastName = text.slice(0, cut);
  const firstName = text.slice(cut + 1);
  if (!FIRST_NAME.test(firstName) || !LAST_NAME.test(lastName)) return no(m('school.import.name-format'));
  return ok({ lastName, firstName });
}

export interface Phones { personalPhone: string | null; professionalPhone: string | null }

function e164(text: string): string | null {
  const parsed = parsePhoneNumberFromString(text, 'FR');
  return parsed && parsed.isValid() ? (parsed.number as string) : null;
}

const GROUPED_ONE = /^0\d{9}$/;
const GROUPED_TWO = /^(0\d{9})(0\d{9})$/;

/**
 * Case 4: « numéro personnel [espace] numéro professionnel » as two E.164 numbers (France by default).
 * The rule, exact: the column holds one or two numbers written without inner spaces (« 0612345678 0299871400 »,
 * « +33612345678 »), separated by one space; the professional number may be missing (personal only). A cell written in
 * pairs (« 06 12 34 56 78 02 99 87 14 00 ») is read only when it is unambiguous: once its spaces are removed, exactly
 * 10 digits starting with 0 (one number) or 20 digits made of two such numbers. Anything else is rejected; an empty
 * cell is no phone.
 */
export function splitPhones(raw: unknown): Transformed<Phones> {
  const text = cellText(raw);
  if (!text) return ok({ personalPhone: null, professionalPhone: null });
  const parts = text.split(' ');
  let numbers: string[];
  if (parts.length <= 2) numbers = parts;
  else {
    const digits = parts.join('');
    const two = GROUPED_TWO.exec(digits);
    if (GROUPED_ONE.test(digits)) numbers = [digits];
    else if (two) numbers = [two[1]!, two[2]!];
    else return no(m('school.import.phone-format'));
  }
  if (numbers.some((n) => !/^\+?[\d.]+$/.test(n))) return no(m('school.import.phone-format'));
  const personalPhone = e164(numbers[0]!);
  if (!personalPhone) return no(m('school.import.phone-invalid', { which: 'personal' }));
  const professionalPhone = numbers[1] === undefined ? null : e164(numbers[1]);
  if (numbers[1] !== undefined && !professionalPhone) return no(m('school.import.phone-invalid', { which: 'professional' }));
  return ok({ personalPhone, professionalPhone });
}

export type StudentStatus = 'prospect' | 'enrolled' | 'alumni';

const STATUSES: Record<string, StudentStatus> = { prospect: 'prospect', 'en fonction': 'enrolled', alumni: 'alumni', alumnis: 'alumni' };

/** Folded for comparing: lower case, without accents, single spaces. */
export function fold(text: string): string {
  return cellText(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** « prospect », « en fonction », « alumni » (the spec's « Alumnis » too), whatever the case and accents. */
export function parseStatus(raw: unknown): Transformed<StudentStatus> {
  const text = cellText(raw);
  if (!text) return no(m('school.import.status-missing'));
  const status = STATUSES[fold(text)];
  return status ? ok(status) : no(m('school.import.status-unknown', { value: text.slice(0, 40) }));
}

/** The NIR checked by its shape and control key (nir.ts), normalised. */
export function parseNir(raw: unknown): Transformed<string> {
  const text = cellText(raw);
  if (!text) return no(m('school.import.nir-missing'));
  const checked = checkNir(text);
  if (!checked.ok) return no(m(checked.reason === 'nir-key' ? 'school.import.nir-key' : 'school.import.nir-format'));
  return ok(checked.nir);
}

/** The values a registry row becomes (the NIR in clear: only the write path and the masked report read it). */
export interface StudentValues extends PersonName, Phones {
  nir: string;
  status: StudentStatus;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  /** The employer's name or legacy id as written (matched to an account when writing). */
  company: string | null;
  cursus: string | null;
}

/** The cells of one row by field (the mapping says which column each comes from). */
export interface RowCells {
  name?: unknown;
  nir?: unknown;
  status?: unknown;
  address?: unknown;
  company?: unknown;
  phones?: unknown;
  cursus?: unknown;
}

/** One row through every case: its values, or the first reason it is rejected (columns in the file's order). */
export function transformRow(cells: RowCells): Transformed<StudentValues> {
  const name = splitName(cells.name);
  if (!name.ok) return name;
  const nir = parseNir(cells.nir);
  if (!nir.ok) return nir;
  const status = parseStatus(cells.status);
  if (!status.ok) return status;
  const address = splitAddress(cells.address);
  if (!address.ok) return address;
  const phones = splitPhones(cells.phones);
  if (!phones.ok) return phones;
  const company = cellText(cells.company);
  const cursus = cellText(cells.cursus);
  return ok({
    ...name.value, nir: nir.value, status: status.value,
    address: address.value?.address ?? null, postalCode: address.value?.postalCode ?? null, city: address.value?.city ?? null,
    ...phones.value, company: company || null, cursus: cursus || null,
  });
}
