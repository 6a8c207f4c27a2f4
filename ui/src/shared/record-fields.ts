import { centsToInput, parseEuros } from './format';
import { fromLocalInput, toDay, toLocalInput } from './time-zone';

/**
 * How a field edited inline (a side panel's fields, with the record editor) is typed and turned
 * back into its API value. Modules describe their fields with these kinds; a kind of their own
 * (a picker) reads and parses as text.
 */
export type FieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'date' | 'datetime' | 'integer' | 'money' | 'percent';

export interface RecordField<K extends string = FieldKind> {
  key: string;
  kind: K;
  /** Empty input is sent as null; otherwise empty is refused. */
  nullable: boolean;
  /** Takes the full width of the panel. */
  wide?: boolean;
}

/** 1215 basis points → "12,15" (a percentage as typed). */
export function basisPointsToInput(basisPoints: number): string {
  return String(basisPoints / 100).replace('.', ',');
}

/** "12,15" or "12.15 %" → 1215 basis points; null when it is not a percentage from 0 to 100 with at most two decimals. */
export function parsePercent(text: string): number | null {
  const normalised = text.trim().replace(/[\s\u202f\u00a0%]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  const basisPoints = Math.round(Number(normalised) * 100);
  return basisPoints <= 10_000 ? basisPoints : null;
}

/** The stored value as the text an input shows. */
export function toInput(field: { kind: string }, value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return '';
  switch (field.kind) {
    case 'money': return centsToInput(value as number);
    case 'percent': return basisPointsToInput(Number(value));
    case 'datetime': return toLocalInput(String(value), timeZone);
    case 'date': return toDay(String(value), timeZone);
    default: return String(value);
  }
}

export type ParseError = 'required' | 'number' | 'amount' | 'dateTime' | 'percent';
export type ParseResult = { ok: true; value: unknown } | { ok: false; error: ParseError };

/** Typed text back to the API's value, or the reason it cannot be sent. */
export function parseInput(field: { kind: string; nullable: boolean }, text: string, timeZone: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return field.nullable ? { ok: true, value: null } : { ok: false, error: 'required' };
  switch (field.kind) {
    case 'integer':
      return /^\d+$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, error: 'number' };
    case 'money': {
      const cents = parseEuros(trimmed);
      return cents === null ? { ok: false, error: 'amount' } : { ok: true, value: cents };
    }
    case 'percent': {
      const basisPoints = parsePercent(trimmed);
      return basisPoints === null ? { ok: false, error: 'percent' } : { ok: true, value: basisPoints };
    }
    case 'datetime': {
      const iso = fromLocalInput(trimmed, timeZone);
      return iso ? { ok: true, value: iso } : { ok: false, error: 'dateTime' };
    }
    default:
      return { ok: true, value: trimmed };
  }
}
