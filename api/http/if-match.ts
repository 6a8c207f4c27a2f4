import type { Request } from 'express';
import { PreconditionRequiredError, ValidationError } from '../../domain/errors';
import { coreMessage } from '../../domain/i18n/core.messages';

/** ETag of a record: its version. */
export function etagOf(version: unknown): string {
  return `"${String(version)}"`;
}

/** Reads the version from If-Match (`"3"`, `W/"3"` or `3`). */
export function expectedVersion(req: Request, required: true): number;
export function expectedVersion(req: Request, required: false): number | undefined;
export function expectedVersion(req: Request, required: boolean): number | undefined {
  const header = req.get('if-match');
  if (!header) {
    if (required) throw new PreconditionRequiredError();
    return undefined;
  }
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationError([{ field: 'If-Match', message: coreMessage('field.etag') }]);
  return Number(match[1]);
}
