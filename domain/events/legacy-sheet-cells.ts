import type ExcelJS from 'exceljs';
import { formatWallClock } from './legacy-dates';

/** Reading the legacy sheet's cells (values as exceljs gives them): text, whole numbers, column letters. */

function richTextOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray((value as ExcelJS.CellRichTextValue).richText)) {
    return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  }
  return undefined;
}

/** The cell's value as exceljs gives it, with formulas replaced by their result and links by their text. */
export function plainValue(value: ExcelJS.CellValue | unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const rich = richTextOf(value);
  if (rich !== undefined) return rich;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return String(v.error);
    if ('hyperlink' in v) return plainValue(v.text ?? v.hyperlink);
    if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result ?? null);
    if ('text' in v) return plainValue(v.text);
  }
  return String(value);
}

/** What the cell shows, as text (a date cell as its wall-clock date and time). */
export function cellText(value: ExcelJS.CellValue | unknown): string {
  const plain = plainValue(value);
  if (plain === null) return '';
  if (plain instanceof Date) {
    if (Number.isNaN(plain.getTime())) return '';
    return formatWallClock({ year: plain.getUTCFullYear(), month: plain.getUTCMonth() + 1, day: plain.getUTCDate(), hour: plain.getUTCHours(), minute: plain.getUTCMinutes() });
  }
  return String(plain).replace(/\r\n?/g, '\n').trim();
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function parseWholeNumber(raw: unknown, min: number, max: number): number | undefined {
  const plain = plainValue(raw);
  let n: number;
  if (typeof plain === 'number') n = plain;
  else if (typeof plain === 'string') {
    // "1 200" (French thousands), "#109", "109.0" are whole numbers as people type them.
    const compact = plain.trim().replace(/^(?:#|n°|no\.?)\s*/i, '').replace(/[\s\u00a0\u202f]/g, '');
    if (!/^\d+(?:[.,]0+)?$/.test(compact)) return undefined;
    n = Number(compact.replace(/[.,]0+$/, ''));
  } else return undefined;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}
