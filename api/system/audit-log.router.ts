import { Router } from 'express';
import { ForbiddenError } from '../../domain/errors';
import { auditChainReport } from '../../domain/identity/audit-log';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { identityMessage } from '../../domain/identity/identity.messages';

/** GET /audit-log/verification — walks the organisation's audit chain and reports the first broken link (administrators). */
export function auditLogRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/verification', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('read', 'AuditLog')) {
      throw new ForbiddenError(identityMessage('audit.forbidden'));
    }
    return { body: await auditChainReport(ctx.trx, ctx.principal.tenantId) };
  }));
  return router;
}
