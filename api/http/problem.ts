import type { ErrorRequestHandler, Response } from 'express';
import * as Sentry from '@sentry/node';
import { DomainError } from '../../domain/errors';
import { logger } from '../../config/logger';

/** RFC 9457 problem details: one shape for every error the API answers. */
export function sendProblem(res: Response, status: number, title: string, detail: string, extra: Record<string, unknown> = {}, type = 'about:blank'): void {
  res.status(status).type('application/problem+json').json({
    type: type === 'about:blank' ? type : `https://relais.dev/problems/${type}`,
    title, status, detail, ...extra,
  });
}

const TITLES: Record<number, string> = {
  400: 'Invalid request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  412: 'Precondition failed', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable content',
  428: 'Precondition required', 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

interface PgError { code?: string; constraint?: string; detail?: string }

/** The central error mapper (STYLE §10): typed errors and database errors become problem+json; nothing internal leaks. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof DomainError) {
    sendProblem(res, err.status, TITLES[err.status] ?? 'Error', err.message, err.extra, err.type);
    return;
  }
  const bodyError = err as { type?: string; status?: number };
  if (bodyError.type === 'entity.parse.failed') {
    sendProblem(res, 400, TITLES[400]!, 'The request body is not valid JSON.', {}, 'malformed-json');
    return;
  }
  if (bodyError.type === 'entity.too.large') {
    sendProblem(res, 413, TITLES[413]!, 'The request body is too large (limit 2 MB).', {}, 'too-large');
    return;
  }
  if ((err as { code?: string }).code === 'LIMIT_FILE_SIZE') {
    sendProblem(res, 413, TITLES[413]!, 'The file is too large (limit 20 MB).', {}, 'too-large');
    return;
  }
  if ((err as { name?: string }).name === 'MulterError') {
    sendProblem(res, 400, TITLES[400]!, `The upload is not valid: ${(err as Error).message}. Send one file in the multipart field "file".`, {}, 'validation');
    return;
  }
  const pg = err as PgError;
  if (pg.code === '23505') {
    sendProblem(res, 409, TITLES[409]!, 'A record with the same unique value already exists.', { constraint: pg.constraint }, 'duplicate');
    return;
  }
  if (pg.code === '23503') {
    sendProblem(res, 409, TITLES[409]!, 'This change refers to a record that does not exist, or removes one that others still refer to.', {}, 'reference');
    return;
  }
  if (pg.code === '23514' || pg.code === '22P02' || pg.code === '22001' || pg.code === '22007' || pg.code === '22008' || pg.code === '22021') {
    sendProblem(res, 400, TITLES[400]!, 'A value is outside what this field accepts.', {}, 'validation');
    return;
  }
  const requestId = (req as { id?: unknown }).id;
  logger.error({ err, requestId }, 'unhandled error');
  // Who hit it (their id only: scrubEvent keeps nothing else of a user) and in which organisation.
  const auth = (req as { auth?: { userId?: string; tenantId?: string } }).auth;
  Sentry.withScope((scope) => {
    if (auth?.userId) scope.setUser({ id: auth.userId });
    if (auth?.tenantId) scope.setTag('tenant', auth.tenantId);
    if (requestId) scope.setTag('request_id', String(requestId));
    Sentry.captureException(err);
  });
  sendProblem(res, 500, TITLES[500]!, `Something went wrong on our side. Quote request ${String(requestId ?? '')} to support if it happens again.`);
};
