import type { ErrorRequestHandler, Response } from 'express';
import * as Sentry from '@sentry/node';
import { DomainError, MAX_LISTED_PROBLEMS } from '../../domain/errors';
import { logger } from '../../config/logger';

/** The first MAX_LISTED_PROBLEMS of the `errors` and `problems` lists, with how many were left out (`errorsNotListed`, `problemsNotListed`). */
function capLists(extra: Record<string, unknown>): Record<string, unknown> {
  const capped = { ...extra };
  for (const key of ['errors', 'problems']) {
    const list = extra[key];
    if (!Array.isArray(list) || list.length <= MAX_LISTED_PROBLEMS) continue;
    capped[key] = list.slice(0, MAX_LISTED_PROBLEMS);
    capped[`${key}NotListed`] = list.length - MAX_LISTED_PROBLEMS;
  }
  return capped;
}

/** RFC 9457 problem details: one shape for every error the API answers. */
export function sendProblem(res: Response, status: number, title: string, detail: string, extra: Record<string, unknown> = {}, type = 'about:blank'): void {
  res.status(status).type('application/problem+json').json({
    type: type === 'about:blank' ? type : `https://relais.dev/problems/${type}`,
    title, status, detail, ...capLists(extra),
  });
}

const TITLES: Record<number, string> = {
  400: 'Invalid request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  412: 'Precondition failed', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable content',
  428: 'Precondition required', 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

interface PgError { code?: string; constraint?: string; detail?: string }

/**
 * A request the server cannot read (an undecodable path, a body in an
 * unknown encoding or charset, a body cut short…): the client's fault, so a
 * 4xx naming it, never a 500. Body-parser and the router mark these with a
 * 4xx `status` (and `expose` for body-parser's); anything else is ours.
 */
function unreadableRequest(err: unknown): { status: number; title: string; detail: string; type: string } | undefined {
  const e = err as { status?: number; expose?: boolean; type?: string };
  if (err instanceof URIError && e.status === 400) {
    return { status: 400, title: 'Requête invalide', detail: 'L\'adresse demandée contient un encodage « % » invalide : encodez le chemin en UTF-8 (encodeURIComponent).', type: 'malformed-path' };
  }
  if (e.type === 'encoding.unsupported') {
    return { status: 415, title: 'Type de contenu non pris en charge', detail: 'Cet en-tête Content-Encoding n\'est pas pris en charge : envoyez le corps sans compression, ou en gzip, deflate ou br.', type: 'unsupported-encoding' };
  }
  if (e.type === 'charset.unsupported') {
    return { status: 415, title: 'Type de contenu non pris en charge', detail: 'Ce jeu de caractères n\'est pas pris en charge : envoyez le corps en UTF-8 (charset=utf-8).', type: 'unsupported-charset' };
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    return { status: e.status, title: TITLES[e.status] ?? 'Requête invalide', detail: 'La requête n\'a pas pu être lue (corps incomplet, mal formé ou refusé) : vérifiez-la et envoyez-la à nouveau.', type: 'unreadable-request' };
  }
  return undefined;
}

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
  const unreadable = unreadableRequest(err);
  if (unreadable) {
    sendProblem(res, unreadable.status, unreadable.title, unreadable.detail, {}, unreadable.type);
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
