import { ValidationError } from '../errors';

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
  throw new ValidationError([{ field: 'cursor', message: 'is not a cursor this API returned; start again without it' }]);
}
