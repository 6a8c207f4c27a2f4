import type { Request } from 'express';
import { PreconditionRequiredError, ValidationError, type ExpectedVersion } from '../../domain/errors';
import { coreMessage } from '../../domain/i18n/core.messages';

/** ETag of a record: its version. */
export function etagOf(version: unknown): string {
  return `"${String(version)}"`;
}

/**
 * Reads the version from If-Match (`"3"`, `W/"3"` or `3`), or `*`: whatever version is current
 * (RFC 9110 §13.1.1), for a client that means to overwrite; a record that does not exist still
 * answers 404.
 */
export function expectedVersion(req: Request, required: true): ExpectedVersion;
export function expectedVersion(req: Request, required: false): ExpectedVersion | undefined;
export function expectedVersion(req: Request, required: boolean): ExpectedVersion | undefined {
  const header = req.get('if-match');
  if (!header) {
    if (required) throw new PreconditionRequiredError();
    return undefined;
  }
  if (header.trim() === '*') return '*';
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationError([{ field: 'If-Match', message: coreMessage('field.etag') }]);
  return Number(match[1]);
}
