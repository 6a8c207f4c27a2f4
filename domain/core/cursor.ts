import { ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';

/** Opaque keyset cursors: the sort value and id of the last row of a page. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) return values;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError([{ field: 'cursor', message: coreMessage('field.cursor-unknown') }]);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a decoded sort value can be compared with the column (timestamps `…At`, the integer `number`, else text). */
export function cursorValueFits(column: string, value: unknown, text = false): boolean {
  if (text) return typeof value === 'string' && !value.includes('\u0000');
  if (column.endsWith('At')) return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
  if (column === 'number') return Number.isSafeInteger(value) || (typeof value === 'string' && /^\d{1,10}$/.test(value) && Number(value) <= 2_147_483_647);
  return typeof value === 'string' && !value.includes('\u0000');
}
