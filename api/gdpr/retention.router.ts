import { Router } from 'express';
import { z } from 'zod';
import { uuid } from '../../domain/core/fields';
import { changeLegalHold, liftLegalHold, listLegalHolds, placeLegalHold, readLegalHold } from '../../domain/gdpr/legal-holds';
import { readRetentionRules, readRetentionRuns, retentionDryRun } from '../../domain/gdpr/retention';
import { dryRunInput, legalHoldChange, legalHoldInput, legalHoldQuery } from '../../domain/gdpr/retention.schema';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

const idPath = z.object({ id: uuid });

/**
 * `/api/v1/gdpr/retention/…` and `/api/v1/gdpr/legal-holds/…` (issue 15, docs/adr/0026-retention.md): the
 * organisation's retention rules with their next expiries, the runs' reports, a dry run of a day, and the
 * legal holds the data protection officer places, changes and lifts.
 */
export function retentionRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/retention/rules', inTenant(deps, async (req, ctx) => ({ body: await readRetentionRules(ctx, requestLocale(req)) })));
  router.get('/retention/runs', inTenant(deps, async (_req, ctx) => ({ body: { items: await readRetentionRuns(ctx) } })));
  router.post('/retention/dry-run', inTenant(deps, async (req, ctx) => ({ body: await retentionDryRun(ctx, validate(dryRunInput, req.body ?? {})) })));

  router.get('/legal-holds', inTenant(deps, async (req, ctx) => {
    const query = validate(legalHoldQuery, req.query, 'query');
    return { body: { items: await listLegalHolds(ctx, query.active === undefined ? {} : { active: query.active === 'true' }) } };
  }));
  router.post('/legal-holds', inTenant(deps, async (req, ctx) => {
    const hold = await placeLegalHold(ctx, validate(legalHoldInput, req.body));
    return { status: 201, body: hold, headers: { ETag: etagOf(hold.version), Location: `${req.baseUrl}/legal-holds/${hold.id}` } };
  }));
  router.get('/legal-holds/:id', inTenant(deps, async (req, ctx) => {
    const hold = await readLegalHold(ctx, validate(idPath, req.params, 'path').id);
    return { body: hold, headers: { ETag: etagOf(hold.version) } };
  }));
  router.patch('/legal-holds/:id', inTenant(deps, async (req, ctx) => {
    const hold = await changeLegalHold(ctx, validate(idPath, req.params, 'path').id, validate(legalHoldChange, req.body), expectedVersion(req, true));
    return { body: hold, headers: { ETag: etagOf(hold.version) } };
  }));
  router.post('/legal-holds/:id/lift', inTenant(deps, async (req, ctx) => {
    const hold = await liftLegalHold(ctx, validate(idPath, req.params, 'path').id, expectedVersion(req, true));
    return { body: hold, headers: { ETag: etagOf(hold.version) } };
  }));
  return router;
}
