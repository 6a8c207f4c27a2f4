import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { withTenantReading } from '../../db/tenant-scope';
import { UnauthorizedError } from '../../domain/errors';
import { PrincipalCache, principalVersionCheck } from '../../domain/identity/principal-cache';
import { verifyAccessToken, type VerifiedAccess } from '../../domain/identity/tokens';
import type { RequestContext } from '../../domain/core/record-service';
import type { ApiDeps } from './deps';
import { identityMessage } from '../../domain/identity/identity.messages';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: VerifiedAccess;
  }
}

/** Verifies the bearer token; 401 for a missing, tampered or expired one. */
export function authenticate(deps: ApiDeps): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return next(new UnauthorizedError(identityMessage('auth.bearer-missing')));
    verifyAccessToken(match[1]!, deps.auth.jwtSecret)
      .then((claims) => { req.auth = claims; next(); })
      .catch(() => next(new UnauthorizedError(identityMessage('auth.token-invalid'))));
  };
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Bytes sent as they are (file downloads) instead of JSON. */
  raw?: Buffer;
  headers?: Record<string, string>;
  /**
   * Runs once the transaction has committed, before the answer is sent: for
   * telling other systems (a process waiting for this record) about work that
   * is now durable. Its failure is logged, never turned into an error, because
   * the change itself is saved.
   */
  afterCommit?: () => Promise<void>;
}

/** One principal cache per pool (an app and its database): two apps in one process never share one. */
const caches = new WeakMap<Knex, PrincipalCache>();
function principalCache(knex: Knex): PrincipalCache {
  let cache = caches.get(knex);
  if (!cache) caches.set(knex, cache = new PrincipalCache());
  return cache;
}

/**
 * An authenticated handler: the whole request runs in one transaction whose
 * row-level security context is the caller's tenant and user. The statement
 * that sets that context also reads the tenant's principal version, null when
 * the user is inactive or the token revoked (so a logout or a disabled user
 * takes effect at once); the permissions are loaded from the database only
 * when that version changed since this process last built them (ADR 0012).
 */
export function inTenant(deps: ApiDeps, fn: (req: Request, ctx: RequestContext) => Promise<Reply>): RequestHandler {
  const cache = principalCache(deps.knex);
  return (req, res, next) => {
    const claims = req.auth;
    if (!claims) return next(new UnauthorizedError());
    const check = principalVersionCheck(claims.tenantId, claims.userId, claims.tokenId);
    withTenantReading(claims, check, async (trx, version) => {
      const resolved = version === null ? null : await cache.resolve(trx, claims.tenantId, claims.userId, Number(version));
      if (!resolved) throw new UnauthorizedError(identityMessage('auth.session-ended'));
      return fn(req, { trx, principal: resolved.principal, ability: resolved.ability, requestId: String(req.id ?? '') });
    }, deps.knex)
      .then(async (reply) => {
        if (reply.afterCommit) {
          await reply.afterCommit().catch((error: Error) => req.log?.warn({ err: error }, 'after-commit step failed; the change itself is saved'));
        }
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        if (reply.raw) res.status(reply.status ?? 200).send(reply.raw);
        else if (reply.body === undefined) res.status(reply.status ?? 204).end();
        else res.status(reply.status ?? 200).json(reply.body);
      })
      .catch(next);
  };
}
