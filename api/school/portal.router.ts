import { Router } from 'express';
import { correctionCreate, correctionDecision, correctionListQuery, decideCorrection, fileCorrection, listCorrections, myCorrection, myCorrections } from '../../domain/school/corrections';
import { importGrades } from '../../domain/school/grades';
import { gradesImportBody } from '../../domain/school/grades-import';
import { alumniDirectory, alumnusInDirectory, myGrades, myProfile, portalCompanies } from '../../domain/school/portal';
import { companiesQuery, directoryQuery, noQuery } from '../../domain/school/portal.schema';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

const private_ = { 'Cache-Control': 'no-store' };

/**
 * `/api/v1/school/portal/…` (issue 18, ADR 0053): what a student or an alumnus reads and asks in their portal,
 * always about the principal's own record (found by their user, never by an id of the request); and the staff's
 * side: the correction requests to decide, the grades imported from GetEtu.
 */
export function portalRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/portal/me', inTenant(deps, async (req, ctx) => {
    validate(noQuery, req.query, 'query');
    return { body: await myProfile(ctx), headers: private_ };
  }));
  router.get('/portal/grades', inTenant(deps, async (req, ctx) => {
    validate(noQuery, req.query, 'query');
    return { body: await myGrades(ctx), headers: private_ };
  }));
  router.get('/portal/correction-requests', inTenant(deps, async (req, ctx) => {
    validate(noQuery, req.query, 'query');
    return { body: await myCorrections(ctx), headers: private_ };
  }));
  router.post('/portal/correction-requests', inTenant(deps, async (req, ctx) => ({ status: 201, body: await fileCorrection(ctx, validate(correctionCreate, req.body)) })));
  router.get('/portal/correction-requests/:id', inTenant(deps, async (req, ctx) => ({ body: await myCorrection(ctx, String(req.params.id)), headers: private_ })));
  router.get('/portal/alumni', inTenant(deps, async (req, ctx) => ({ body: await alumniDirectory(ctx, validate(directoryQuery, req.query, 'query')), headers: private_ })));
  router.get('/portal/alumni/:id', inTenant(deps, async (req, ctx) => ({ body: await alumnusInDirectory(ctx, String(req.params.id)), headers: private_ })));
  router.get('/portal/companies', inTenant(deps, async (req, ctx) => ({ body: await portalCompanies(ctx, validate(companiesQuery, req.query, 'query')), headers: private_ })));

  // The student office's side.
  router.get('/correction-requests', inTenant(deps, async (req, ctx) => ({ body: await listCorrections(ctx, validate(correctionListQuery, req.query, 'query')), headers: private_ })));
  router.post('/correction-requests/:id/decision', inTenant(deps, async (req, ctx) => {
    const decided = await decideCorrection(ctx, String(req.params.id), expectedVersion(req, false), validate(correctionDecision, req.body));
    return { body: decided, headers: { ETag: etagOf(decided.version) } };
  }));
  router.post('/grades/import', inTenant(deps, async (req, ctx) => ({ body: await importGrades(ctx, validate(gradesImportBody, req.body), requestLocale(req)) })));
  return router;
}
