import { Router } from 'express';
import { z } from 'zod';
import { catalogueQuery, checkPointCreate, checkPointUpdate, checksSelection, missionCheckAnswer } from '../../domain/audits/catalogue.schema';
import { createCheckPoint, listCheckPoints, readCheckPoint, retireCheckPoint, updateCheckPoint } from '../../domain/audits/check-points';
import { answerCheck, listMissionChecks, selectChecks } from '../../domain/audits/mission-checks';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

const idPath = z.object({ id: z.string().uuid('field.uuid') });
const checkPath = z.object({ id: z.string().uuid('field.uuid'), checkId: z.string().uuid('field.uuid') });

/**
 * `/api/v1/audits/catalogue` (the control catalogue, versioned: ADR 0034) and a mission's checklist,
 * `/api/v1/audits/missions/{id}/checks` (bulk selection, answers with If-Match).
 */
export function catalogueRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/catalogue', inTenant(deps, async (req, ctx) => ({ body: { items: await listCheckPoints(ctx, validate(catalogueQuery, req.query, 'query')) } })));
  router.post('/catalogue', inTenant(deps, async (req, ctx) => {
    const point = await createCheckPoint(ctx, validate(checkPointCreate, req.body));
    return { status: 201, body: point, headers: { ETag: etagOf(point.version), Location: `/api/v1/audits/catalogue/${point.id}` } };
  }));
  router.get('/catalogue/:id', inTenant(deps, async (req, ctx) => {
    const point = await readCheckPoint(ctx, validate(idPath, req.params, 'path').id);
    return { body: point, headers: { ETag: etagOf(point.version) } };
  }));
  router.patch('/catalogue/:id', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const point = await updateCheckPoint(ctx, id, validate(checkPointUpdate, req.body), expectedVersion(req, true));
    return { body: point, headers: { ETag: etagOf(point.version), ...(point.id === id ? {} : { Location: `/api/v1/audits/catalogue/${point.id}` }) } };
  }));
  router.post('/catalogue/:id/retire', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const point = await retireCheckPoint(ctx, id, expectedVersion(req, false));
    return { body: point, headers: { ETag: etagOf(point.version) } };
  }));

  router.get('/missions/:id/checks', inTenant(deps, async (req, ctx) => ({ body: await listMissionChecks(ctx, validate(idPath, req.params, 'path').id) })));
  router.post('/missions/:id/checks', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const result = await selectChecks(ctx, id, validate(checksSelection, req.body));
    return { status: result.added ? 201 : 200, body: result };
  }));
  router.patch('/missions/:id/checks/:checkId', inTenant(deps, async (req, ctx) => {
    const { id, checkId } = validate(checkPath, req.params, 'path');
    const check = await answerCheck(ctx, id, checkId, validate(missionCheckAnswer, req.body), expectedVersion(req, true), new Date());
    return { body: check, headers: { ETag: etagOf(check.version) } };
  }));
  return router;
}
