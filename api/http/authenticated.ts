import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { withTenantReading } from '../../db/tenant-scope';
import { UnauthorizedError } from '../../domain/errors';
import { PrincipalCache, principalVersionCheck } from '../../domain/identity/principal-cache';
import { verifyAccessToken, type VerifiedAccess } from '../../domain/identity/tokens';
import type { RequestContext } from '../../domain/core/record-service';
import type { ApiDeps } from './deps';
import { unavailableService } from './unavailable';
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
 * Failures of a read on the replica that the primary answers instead: the replica away, a
 * statement cancelled by a recovery conflict (40001), a write in a read-only transaction (25006:
 * a read that writes belongs on the primary), or a session the replica does not know yet (a
 * user or a token newer than its replay position: the primary is the authority).
 */
function primaryAnswersInstead(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return unavailableService(error) === 'database' || code === '40001' || code === '25006' || error instanceof UnauthorizedError;
}

/**
 * An authenticated handler: the whole request runs in one transaction whose
 * row-level security context is the caller's tenant and user. The statement
 * that sets that context also reads the tenant's principal version, null when
 * the user is inactive or the token revoked (so a logout or a disabled user
 * takes effect at once); the permissions are loaded from the database only
 * when that version changed since this process last built them (ADR 0012).
 *
 * With `replicaReads`, a GET may run on the second site's replica when it is
 * configured, close enough and has replayed the caller's own last write
 * (db/replica-reads.ts, ADR 0021); it falls back to the primary otherwise. Any
 * other request, once committed, records the caller's write position for that rule.
 */
export function inTenant(deps: ApiDeps, fn: (req: Request, ctx: RequestContext) => Promise<Reply>,
  opts: { replicaReads?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const claims = req.auth;
    if (!claims) return next(new UnauthorizedError());
    const run = (knex: Knex) => asPrincipal(claims, knex, (ctx) => fn(req, { ...ctx, requestId: String(req.id ?? '') }));
    const replica = deps.replica;
    const reading = req.method === 'GET' || req.method === 'HEAD';
    const pool = replica && opts.replicaReads && reading ? replica.poolFor(claims) : deps.knex;
    const work = pool === deps.knex ? run(pool) : run(pool).catch((error: Error) => {
      if (!primaryAnswersInstead(error)) throw error;
      if (!(error instanceof UnauthorizedError)) replica!.replicaFailed(error);
      return run(deps.knex);
    });
    work
      .then(async (reply) => {
        if (reply.afterCommit) {
          await reply.afterCommit().catch((error: Error) => req.log?.warn({ err: error }, 'after-commit step failed; the change itself is saved'));
        }
        if (replica && !reading) await replica.noteWrite(claims).catch((error: Error) => req.log?.warn({ err: error }, 'write position not read; this reader may see the replica before it has the change'));
        send(res, reply);
      })
      .catch(next);
  };
}

function send(res: Response, reply: Reply): void {
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.raw) res.status(reply.status ?? 200).send(reply.raw);
  else if (reply.body === undefined) res.status(reply.status ?? 204).end();
  else res.status(reply.status ?? 200).json(reply.body);
}

/** Runs `fn` in one transaction of the caller's tenant and user, its principal resolved (what `inTenant` does per request). */
function asPrincipal<T>(claims: VerifiedAccess, knex: Knex, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
  const check = principalVersionCheck(claims.tenantId, claims.userId, claims.tokenId);
  return withTenantReading(claims, check, async (trx, version) => {
    const resolved = version === null ? null : await principalCache(knex).resolve(trx, claims.tenantId, claims.userId, Number(version));
    if (!resolved) throw new UnauthorizedError(identityMessage('auth.session-ended'));
    return fn({ trx, principal: resolved.principal, ability: resolved.ability, requestId: '' });
  }, knex);
}

/**
 * An authenticated write that asks a vendor (an operator's or a billing system's API) on the way: no
 * transaction is held while the vendor answers. `prepare` validates and checks rights in a first
 * short transaction (it refuses there, before anyone is called), `call` asks the vendor with none
 * held, `finish` writes in a second one what the answer says. On the primary; its answer is sent as
 * `inTenant`'s.
 */
export function inTenantAroundVendor<P, A>(
  deps: ApiDeps,
  prepare: (req: Request, ctx: RequestContext) => Promise<P>,
  call: (prepared: P, tenantId: string) => Promise<A>,
  finish: (req: Request, ctx: RequestContext, prepared: P, answer: A) => Promise<Reply>,
): RequestHandler {
  return (req, res, next) => {
    const claims = req.auth;
    if (!claims) return next(new UnauthorizedError());
    const inTrx = <T>(fn: (ctx: RequestContext) => Promise<T>) => asPrincipal(claims, deps.knex, (ctx) => fn({ ...ctx, requestId: String(req.id ?? '') }));
    (async () => {
      const prepared = await inTrx((ctx) => prepare(req, ctx));
      const answer = await call(prepared, claims.tenantId);
      const reply = await inTrx((ctx) => finish(req, ctx, prepared, answer));
      if (reply.afterCommit) await reply.afterCommit().catch((error: Error) => req.log?.warn({ err: error }, 'after-commit step failed; the change itself is saved'));
      if (deps.replica) await deps.replica.noteWrite(claims).catch((error: Error) => req.log?.warn({ err: error }, 'write position not read; this reader may see the replica before it has the change'));
      send(res, reply);
    })().catch(next);
  };
}

