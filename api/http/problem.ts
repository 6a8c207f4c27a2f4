import type { ErrorRequestHandler, Request, Response } from 'express';
import * as Sentry from '@sentry/node';
import { DomainError, MAX_LISTED_PROBLEMS } from '../../domain/errors';
import { coreMessage, coreMessages } from '../../domain/i18n/core.messages';
import { renderDeep, type Locale, type Message, type Text } from '../../domain/i18n/messages';
import { logger } from '../../config/logger';
import { requestLocale } from './locale';
import { databaseTimedOut, unavailableService } from './unavailable';

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

/** The title of a status, in the reader's language. */
export function problemTitle(status: number, locale: Locale): string {
  const key = `problem.${status}`;
  return coreMessage(key in coreMessages ? key as 'problem.400' : 'problem.other').render(locale);
}

/**
 * A problem whose detail is a catalogue message, written in the reader's
 * language: the answer also carries the message's `code` (and `params`), and
 * the messages of its lists (`errors`, `problems`) are written with theirs.
 */
export function sendLocalisedProblem(req: Request, res: Response, status: number, detail: Text, extra: Record<string, unknown> = {}, type = 'about:blank'): void {
  const locale = requestLocale(req);
  const coded = typeof detail === 'string' ? {} : { code: detail.code, ...(Object.keys(detail.params).length ? { params: (detail as Message).params } : {}) };
  // Cut first: a list of 50,000 problems is not written out to be dropped.
  const rendered = renderDeep({ detail, ...capLists(extra) }, locale) as Record<string, unknown>;
  const { detail: text, ...rest } = rendered;
  // The validation summary's parameters repeat `errors`: its code is enough.
  if (type === 'validation') delete (coded as { params?: unknown }).params;
  sendProblem(res, status, problemTitle(status, locale), text as string, { ...coded, ...rest }, type);
}

interface PgError { code?: string; constraint?: string; detail?: string }

/**
 * A request the server cannot read (an undecodable path, a body in an
 * unknown encoding or charset, a body cut short…): the client's fault, so a
 * 4xx naming it, never a 500. Body-parser and the router mark these with a
 * 4xx `status` (and `expose` for body-parser's); anything else is ours.
 */
function unreadableRequest(err: unknown): { status: number; detail: Message; type: string } | undefined {
  const e = err as { status?: number; expose?: boolean; type?: string };
  if (err instanceof URIError && e.status === 400) return { status: 400, detail: coreMessage('error.malformed-path'), type: 'malformed-path' };
  if (e.type === 'encoding.unsupported') return { status: 415, detail: coreMessage('error.unsupported-encoding'), type: 'unsupported-encoding' };
  if (e.type === 'charset.unsupported') return { status: 415, detail: coreMessage('error.unsupported-charset'), type: 'unsupported-charset' };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    return { status: e.status, detail: coreMessage('error.unreadable-request'), type: 'unreadable-request' };
  }
  return undefined;
}

/** The central error mapper (STYLE §10): typed errors and database errors become problem+json; nothing internal leaks. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof DomainError) {
    sendLocalisedProblem(req, res, err.status, err.detail, err.extra, err.type);
    return;
  }
  const bodyError = err as { type?: string; status?: number };
  if (bodyError.type === 'entity.parse.failed') {
    sendLocalisedProblem(req, res, 400, coreMessage('error.malformed-json'), {}, 'malformed-json');
    return;
  }
  if (bodyError.type === 'entity.too.large') {
    sendLocalisedProblem(req, res, 413, coreMessage('error.too-large'), {}, 'too-large');
    return;
  }
  const unreadable = unreadableRequest(err);
  if (unreadable) {
    sendLocalisedProblem(req, res, unreadable.status, unreadable.detail, {}, unreadable.type);
    return;
  }
  const pg = err as PgError;
  if (pg.code === '23505') {
    sendLocalisedProblem(req, res, 409, coreMessage('error.duplicate'), { constraint: pg.constraint }, 'duplicate');
    return;
  }
  if (pg.code === '23503') {
    sendLocalisedProblem(req, res, 409, coreMessage('error.reference'), {}, 'reference');
    return;
  }
  if (pg.code === '23P01') {
    // An exclusion constraint (two planning entries of one person at once) reached without the domain's check.
    sendLocalisedProblem(req, res, 409, coreMessage('error.overlap'), { constraint: pg.constraint }, 'conflict');
    return;
  }
  if (pg.code === '23514' || pg.code === '22P02' || pg.code === '22001' || pg.code === '22007' || pg.code === '22008' || pg.code === '22021') {
    sendLocalisedProblem(req, res, 400, coreMessage('error.value-out-of-range'), {}, 'validation');
    return;
  }
  const requestId = (req as { id?: unknown }).id;
  const down = unavailableService(err);
  if (down) {
    // An outage, not a bug: the client may try again (its error message may name hosts, so only its code is logged).
    logger.warn({ requestId, service: down, code: (err as { code?: unknown }).code }, `${down} unavailable`);
    res.setHeader('Retry-After', '5');
    sendLocalisedProblem(req, res, 503, coreMessage(down === 'database' ? 'error.database-unavailable' : 'error.engine-unavailable'), {}, `${down}-unavailable`);
    return;
  }
  if (databaseTimedOut(err)) {
    // The session's bound stopped it (a statement too long, or a lock held elsewhere too long): not a bug either.
    logger.warn({ requestId, code: (err as { code?: unknown }).code }, 'database statement timed out');
    res.setHeader('Retry-After', '5');
    sendLocalisedProblem(req, res, 503, coreMessage('error.database-timeout'), {}, 'database-timeout');
    return;
  }
  logger.error({ err, requestId }, 'unhandled error');
  // Who hit it (their id only: scrubEvent keeps nothing else of a user) and in which organisation.
  const auth = (req as { auth?: { userId?: string; tenantId?: string } }).auth;
  Sentry.withScope((scope) => {
    if (auth?.userId) scope.setUser({ id: auth.userId });
    if (auth?.tenantId) scope.setTag('tenant', auth.tenantId);
    if (requestId) scope.setTag('request_id', String(requestId));
    Sentry.captureException(err);
  });
  sendLocalisedProblem(req, res, 500, coreMessage('error.internal', { requestId: String(requestId ?? '') }));
};
