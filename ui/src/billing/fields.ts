import { parseInput as parseField, toInput as fieldToInput, type RecordField } from '@/shared/record-fields';
import type { BillingKind } from './billing.api';
import { linesToText, parseLines } from './lines';

/**
 * The fields of a document edited inline while it is a draft (the API's *Update schemas): its
 * lines (the line editor, one field for the record editor) and the header fields of each kind.
 */
export type BillingFieldKind = 'lines' | 'text' | 'textarea' | 'date' | 'integer' | 'language';

export type BillingField = RecordField<BillingFieldKind>;

export const BILLING_FIELDS: Record<BillingKind, readonly BillingField[]> = {
  invoices: [
    { key: 'lines', kind: 'lines', nullable: false },
    { key: 'paymentTermsDays', kind: 'integer', nullable: true },
    { key: 'buyerReference', kind: 'text', nullable: true },
    { key: 'periodStart', kind: 'date', nullable: true },
    { key: 'periodEnd', kind: 'date', nullable: true },
    { key: 'language', kind: 'language', nullable: false },
    { key: 'notes', kind: 'textarea', nullable: true, wide: true },
  ],
  quotes: [
    { key: 'lines', kind: 'lines', nullable: false },
    { key: 'validUntil', kind: 'date', nullable: true },
    { key: 'buyerReference', kind: 'text', nullable: true },
    { key: 'language', kind: 'language', nullable: false },
    { key: 'terms', kind: 'textarea', nullable: true, wide: true },
    { key: 'notes', kind: 'textarea', nullable: true, wide: true },
  ],
  'credit-notes': [
    { key: 'lines', kind: 'lines', nullable: false },
    { key: 'reason', kind: 'textarea', nullable: true, wide: true },
  ],
};

export function fieldOf(kind: BillingKind, key: string): BillingField | undefined {
  return BILLING_FIELDS[kind].find((f) => f.key === key);
}

export function toInput(field: BillingField, value: unknown, timeZone: string): string {
  if (field.kind === 'lines') return linesToText(Array.isArray(value) ? value : []);
  return fieldToInput(field, value, timeZone);
}

/** `line:<n>`: the n-th line (1-based) is not finished; the other errors are the shared ones. */
export function parseInput(field: BillingField, text: string, timeZone: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (field.kind === 'lines') {
    const parsed = parseLines(text);
    return parsed.ok ? parsed : { ok: false, error: `line:${parsed.row}` };
  }
  return parseField(field, text, timeZone);
}
