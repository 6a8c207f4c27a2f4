import { parseInput as parseField, toInput as fieldToInput, type FieldKind, type RecordField } from '@/shared/record-fields';

/** The legal profile's fields (billingProfileInput), by section, and how each is typed. */
export type ProfileFieldKind = FieldKind | 'boolean' | 'logo';
export type ProfileField = RecordField<ProfileFieldKind>;

export const PROFILE_SECTIONS: ReadonlyArray<{ key: string; fields: readonly ProfileField[] }> = [
  {
    key: 'legal',
    fields: [
      { key: 'legalName', kind: 'text', nullable: true },
      { key: 'tradingName', kind: 'text', nullable: true },
      { key: 'legalForm', kind: 'text', nullable: true },
      { key: 'shareCapitalCents', kind: 'money', nullable: true },
      { key: 'siren', kind: 'text', nullable: true },
      { key: 'siret', kind: 'text', nullable: true },
      { key: 'vatNumber', kind: 'text', nullable: true },
      { key: 'registration', kind: 'text', nullable: true },
    ],
  },
  {
    key: 'address',
    fields: [
      { key: 'addressLine1', kind: 'text', nullable: true, wide: true },
      { key: 'addressLine2', kind: 'text', nullable: true, wide: true },
      { key: 'postalCode', kind: 'text', nullable: true },
      { key: 'city', kind: 'text', nullable: true },
      { key: 'country', kind: 'text', nullable: false },
      { key: 'email', kind: 'email', nullable: true },
      { key: 'phone', kind: 'tel', nullable: true },
      { key: 'website', kind: 'text', nullable: true },
    ],
  },
  {
    key: 'payment',
    fields: [
      { key: 'paymentTermsDays', kind: 'integer', nullable: false },
      { key: 'latePenaltyRateBasisPoints', kind: 'percent', nullable: true },
      { key: 'iban', kind: 'text', nullable: true },
      { key: 'bic', kind: 'text', nullable: true },
      { key: 'earlyPaymentDiscount', kind: 'text', nullable: true, wide: true },
      { key: 'vatExemptionMention', kind: 'text', nullable: true, wide: true },
    ],
  },
  {
    key: 'numbering',
    fields: [
      { key: 'invoiceNumberFormat', kind: 'text', nullable: false },
      { key: 'creditNoteNumberFormat', kind: 'text', nullable: false },
      { key: 'quoteNumberFormat', kind: 'text', nullable: false },
      { key: 'numberingYearlyReset', kind: 'boolean', nullable: false },
    ],
  },
  {
    key: 'branding',
    fields: [
      { key: 'logoDataUrl', kind: 'logo', nullable: true, wide: true },
      { key: 'footer', kind: 'textarea', nullable: true, wide: true },
    ],
  },
];

const FIELDS = PROFILE_SECTIONS.flatMap((s) => s.fields);
/** What PUT /billing/profile takes: every field (one left out would take its default). */
export const PROFILE_INPUT_KEYS = FIELDS.map((f) => f.key);

export function profileFieldOf(key: string): ProfileField | undefined {
  return FIELDS.find((f) => f.key === key);
}

export function toProfileInput(field: ProfileField, value: unknown, timeZone: string): string {
  if (field.kind === 'boolean') return value ? 'true' : 'false';
  if (field.kind === 'logo') return typeof value === 'string' ? value : '';
  return fieldToInput(field, value, timeZone);
}

export function parseProfileInput(field: ProfileField, text: string, timeZone: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (field.kind === 'boolean') return { ok: true, value: text === 'true' };
  if (field.kind === 'logo') return { ok: true, value: text || null };
  return parseField(field, text, timeZone);
}
