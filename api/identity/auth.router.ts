import cookieParser from 'cookie-parser';
import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { env, publicUrl } from '../../config/env';
import { DomainError, UnauthorizedError } from '../../domain/errors';
import { loginRequest, normaliseEmail, refreshRequest, type TokenTransport } from '../../domain/identity/auth.schema';
import { login, logout, refresh, type TokenPair } from '../../domain/identity/auth-service';
import { describeMe } from '../../domain/identity/me';
import { verifyAccessToken, type VerifiedAccess } from '../../domain/identity/tokens';
import { authenticate, inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { sendLocalisedProblem } from '../http/problem';
import { noStore } from '../http/security-headers';
import { validate } from '../http/validate';
import { PostgresLoginAttempts } from './login-attempts';
import { identityMessage } from '../../domain/identity/identity.messages';

/** The browser's refresh token: httpOnly, SameSite=Strict, sent only to the refresh and logout endpoints. */
export const REFRESH_COOKIE = 'relais_refresh';
const COOKIE_PATH = '/api/v1/auth';
const WINDOW_MS = 15 * 60 * 1000;
/** One address may fail on this many times more emails than on one (password spraying). */
const ADDRESS_FACTOR = 10;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

/**
 * Sign-in failures, not sign-ins, are counted (a successful one gives its
 * attempt back): per address and email, so one attacker cannot lock everyone
 * out and one address cannot try many passwords on one account; and per
 * address alone with a larger budget, so it cannot try one password on many.
 */
function failureLimiter(limit: number, key: (req: Request) => string, store?: Store): RateLimitRequestHandler {
  return rateLimit({
    store,
    windowMs: WINDOW_MS,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (req, res) => sendLocalisedProblem(req, res, 429, identityMessage('auth.too-many-attempts'), {}, 'rate-limited'),
  });
}

/** The email as login reads it (normalised the same way), so padding or case variants share one budget. */
const emailKey = (req: Request) => (typeof req.body?.email === 'string' ? normaliseEmail(req.body.email) : '');

export function authRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(noStore, cookieParser());
  // Counted in PostgreSQL when several API processes serve (api/server.ts), in this process's memory otherwise.
  const store = (prefix: string) => (deps.sharedLoginLimits ? new PostgresLoginAttempts(deps.knex, prefix) : undefined);
  const perAccount = failureLimiter(deps.loginRateLimitPer15Min, (req) => `${ipKeyGenerator(req.ip ?? '')}|${emailKey(req)}`, store('login-account'));
  const perAddress = failureLimiter(deps.loginRateLimitPer15Min * ADDRESS_FACTOR, (req) => ipKeyGenerator(req.ip ?? ''), store('login-address'));
  let secure = deps.auth.secureCookie;
  const cookieOptions = () => {
    secure ??= !isLoopback(deps.publicUrl ?? publicUrl(env()));
    return { httpOnly: true, secure, sameSite: 'strict' as const, path: COOKIE_PATH };
  };

  /** Cookie transport: the refresh token goes in the cookie and never in the body. */
  function sendTokens(res: Response, pair: TokenPair, transport: TokenTransport): void {
    if (transport === 'body') {
      res.json(pair);
      return;
    }
    res.cookie(REFRESH_COOKIE, pair.refreshToken, { ...cookieOptions(), maxAge: deps.auth.refreshTtlSeconds * 1000 });
    const { refreshToken: _inCookie, ...rest } = pair;
    res.json(rest);
  }
  const clearCookie = (res: Response) => res.clearCookie(REFRESH_COOKIE, cookieOptions());

  /**
   * Refresh and logout act on the cookie the browser sends by itself: they
   * take JSON only, which a form of another site cannot send (and a script of
   * another site cannot send without a CORS preflight the API never grants).
   */
  function requireJson(req: Request): void {
    if (!req.is('application/json')) {
      throw new DomainError(identityMessage('auth.json-body'), 415, 'unsupported-media-type');
    }
  }

  router.post('/login', perAddress, perAccount, async (req, res, next) => {
    try {
      const { tokenTransport, ...input } = validate(loginRequest, req.body);
      sendTokens(res, await login(deps.knex, deps.auth, input, req.ip ?? null), tokenTransport ?? 'cookie');
    } catch (e) { next(e); }
  });

  router.post('/refresh', async (req, res, next) => {
    try {
      requireJson(req);
      const body = validate(refreshRequest, req.body ?? {});
      const token = body.refreshToken ?? req.cookies?.[REFRESH_COOKIE];
      if (typeof token !== 'string' || !token) throw new UnauthorizedError(identityMessage('auth.no-session-to-refresh'));
      const transport = body.tokenTransport ?? (body.refreshToken ? 'body' : 'cookie');
      const pair = await refresh(deps.knex, deps.auth, token, req.ip ?? null).catch((e: unknown) => {
        // Only a refused token ends the browser's session: a failure of the platform (a 503) rotated nothing, and the cookie will serve again.
        if (!body.refreshToken && e instanceof UnauthorizedError) clearCookie(res);
        throw e;
      });
      sendTokens(res, pair, transport);
    } catch (e) { next(e); }
  });

  router.post('/logout', async (req, res, next) => {
    try {
      requireJson(req);
      const body = validate(refreshRequest, req.body ?? {});
      const token = body.refreshToken ?? req.cookies?.[REFRESH_COOKIE];
      const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
      const access: VerifiedAccess | undefined = bearer ? await verifyAccessToken(bearer, deps.auth.jwtSecret).catch(() => undefined) : undefined;
      await logout(deps.knex, typeof token === 'string' && token ? token : undefined, access);
      clearCookie(res);
      res.status(204).end();
    } catch (e) { next(e); }
  });

  router.get('/me', authenticate(deps), inTenant(deps, async (_req, ctx) => ({ body: await describeMe(ctx.trx, ctx.principal, ctx.ability) })));
  return router;
}
