import type { Account } from '@/api/accounts.api';

/** How a field is typed and turned back into the value the API expects. */
export type FieldKind = 'text' | 'textarea' | 'status' | 'integer' | 'money';
export type FieldSection = 'identity' | 'contact' | 'address' | 'finance' | 'notes';
export type EditableField = 'name' | 'legalName' | 'status' | 'siren' | 'siret' | 'vatNumber' | 'nafCode' | 'externalRef' | 'email' | 'phone'
  | 'website' | 'addressLine1' | 'addressLine2' | 'postalCode' | 'city' | 'country' | 'paymentTermsDays' | 'creditLimitCents' | 'notes';

export interface AccountField {
  key: EditableField;
  kind: FieldKind;
  section: FieldSection;
  /** Empty input is sent as null; otherwise empty is refused. */
  nullable: boolean;
  /** Converts typed text (e.g. "fr40…" → "FR40…"). */
  upperCase?: boolean;
  inputType?: 'email' | 'tel' | 'url';
}

export const ACCOUNT_FIELDS: readonly AccountField[] = [
  { key: 'name', kind: 'text', section: 'identity', nullable: false },
  { key: 'legalName', kind: 'text', section: 'identity', nullable: true },
  { key: 'status', kind: 'status', section: 'identity', nullable: false },
  { key: 'siren', kind: 'text', section: 'identity', nullable: true },
  { key: 'siret', kind: 'text', section: 'identity', nullable: true },
  { key: 'vatNumber', kind: 'text', section: 'identity', nullable: true, upperCase: true },
  { key: 'nafCode', kind: 'text', section: 'identity', nullable: true, upperCase: true },
  { key: 'externalRef', kind: 'text', section: 'identity', nullable: true },
  { key: 'email', kind: 'text', section: 'contact', nullable: true, inputType: 'email' },
  { key: 'phone', kind: 'text', section: 'contact', nullable: true, inputType: 'tel' },
  { key: 'website', kind: 'text', section: 'contact', nullable: true, inputType: 'url' },
  { key: 'addressLine1', kind: 'text', section: 'address', nullable: true },
  { key: 'addressLine2', kind: 'text', section: 'address', nullable: true },
  { key: 'postalCode', kind: 'text', section: 'address', nullable: true },
  { key: 'city', kind: 'text', section: 'address', nullable: true },
  { key: 'country', kind: 'text', section: 'address', nullable: false, upperCase: true },
  { key: 'paymentTermsDays', kind: 'integer', section: 'finance', nullable: true },
  { key: 'creditLimitCents', kind: 'money', section: 'finance', nullable: true },
  { key: 'notes', kind: 'textarea', section: 'notes', nullable: true },
];

export const FIELD_SECTIONS: readonly FieldSection[] = ['identity', 'contact', 'address', 'finance', 'notes'];

const BY_KEY = new Map(ACCOUNT_FIELDS.map((f) => [f.key, f]));

export function fieldOf(key: string): AccountField | undefined {
  return BY_KEY.get(key as EditableField);
}

/** Fields the API answered with: absent ones (no read permission) are not shown. */
export function visibleFields(record: Account): AccountField[] {
  return ACCOUNT_FIELDS.filter((f) => f.key in record);
}

/** The stored value as the text an input shows. */
export function toInput(field: AccountField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'money') {
    // The API may answer big integers as strings ("500000").
    const cents = Number(value);
    if (Number.isFinite(cents)) return (cents / 100).toFixed(2).replace('.', ',');
  }
  return String(value);
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: 'required' | 'number' | 'amount' };

/** Typed text back to the API's value, or the reason it cannot be sent. */
export function parseInput(field: AccountField, text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return field.nullable ? { ok: true, value: null } : { ok: false, error: 'required' };
  switch (field.kind) {
    case 'integer':
      return /^\d+$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, error: 'number' };
    case 'money': {
      const normalised = trimmed.replace(/[\s\u202f€]/g, '').replace(',', '.');
      return /^\d+(\.\d{1,2})?$/.test(normalised) ? { ok: true, value: Math.round(Number(normalised) * 100) } : { ok: false, error: 'amount' };
    }
    default:
      return { ok: true, value: field.upperCase ? trimmed.toUpperCase() : trimmed };
  }
}
