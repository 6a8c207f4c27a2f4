import { Router } from 'express';
import { lineUpdate } from '../../domain/telecom/line.schema';
import { patchLine } from '../../domain/telecom/line-actions';
import { telecomLines } from '../../domain/telecom/lines';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/telecom/lines` (spec 002 §5.3): the generic record endpoints (list with filters status, fleetId,
 * accountId, planId and cursor paging; read; create; history), the purchase price only to who may see
 * margins. PATCH (If-Match) changes the user and site as fields, the plan, options and status through the
 * line's actions (domain/telecom/line-actions.ts), which refuse with the reason (422).
 */
export function linesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const patch = validate(lineUpdate, req.body);
    const line = await patchLine(ctx, String(req.params.id), version, patch);
    return { body: line, headers: { ETag: etagOf(line.version) } };
  }));
  router.use('/', recordRouter(deps, telecomLines));
  return router;
}
