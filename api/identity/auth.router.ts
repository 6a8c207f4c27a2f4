import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { loginRequest, refreshRequest } from '../../domain/identity/auth.schema';
import { login, logout, refresh } from '../../domain/identity/auth-service';
import { describeMe } from '../../domain/identity/me';
import { authenticate, inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { sendProblem } from '../http/problem';
import { validate } from '../http/validate';

export function authRouter(deps: ApiDeps): Router {
  const router = Router();
  // Per address and email, so one attacker cannot lock everyone out and one
  // address cannot try many passwords on one account.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: deps.loginRateLimitPer15Min,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.email ?? '').toLowerCase()}`,
    handler: (_req, res) => sendProblem(res, 429, 'Too many requests', 'Too many sign-in attempts. Wait 15 minutes, or reset your password with an administrator.', {}, 'rate-limited'),
  });

  router.post('/login', loginLimiter, async (req, res, next) => {
    try {
      const input = validate(loginRequest, req.body);
      const pair = await login(deps.knex, deps.auth, input, req.ip ?? null);
      res.json(pair);
    } catch (e) { next(e); }
  });

  router.post('/refresh', async (req, res, next) => {
    try {
      const { refreshToken } = validate(refreshRequest, req.body);
      res.json(await refresh(deps.knex, deps.auth, refreshToken, req.ip ?? null));
    } catch (e) { next(e); }
  });

  router.post('/logout', async (req, res, next) => {
    try {
      const { refreshToken } = validate(refreshRequest, req.body);
      await logout(deps.knex, refreshToken);
      res.status(204).end();
    } catch (e) { next(e); }
  });

  router.get('/me', authenticate(deps), inTenant(deps, async (_req, ctx) => ({ body: await describeMe(ctx.trx, ctx.principal, ctx.ability) })));
  return router;
}
