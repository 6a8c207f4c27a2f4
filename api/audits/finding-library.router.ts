import { Router } from 'express';
import { z } from 'zod';
import { libraryFindingCreate, libraryFindingUpdate, libraryImprove, libraryQuery } from '../../domain/audits/catalogue.schema';
import {
  createLibraryFinding, deleteLibraryFinding, improveLibraryFinding, listLibraryFindings, readLibraryFinding, updateLibraryFinding,
} from '../../domain/audits/finding-library';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

const idPath = z.object({ id: z.string().uuid('field.uuid') });

/** `/api/v1/audits/findings-library`: the reusable findings, searched, written by mission leads, improved from a mission's finding. */
export function findingLibraryRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: { items: await listLibraryFindings(ctx, validate(libraryQuery, req.query, 'query')) } })));
  router.post('/', inTenant(deps, async (req, ctx) => {
    const finding = await createLibraryFinding(ctx, validate(libraryFindingCreate, req.body));
    return { status: 201, body: finding, headers: { ETag: etagOf(finding.version), Location: `/api/v1/audits/findings-library/${finding.id}` } };
  }));
  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const finding = await readLibraryFinding(ctx, validate(idPath, req.params, 'path').id);
    return { body: finding, headers: { ETag: etagOf(finding.version) } };
  }));
  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const finding = await updateLibraryFinding(ctx, id, validate(libraryFindingUpdate, req.body), expectedVersion(req, true));
    return { body: finding, headers: { ETag: etagOf(finding.version) } };
  }));
  router.delete('/:id', inTenant(deps, async (req, ctx) => {
    await deleteLibraryFinding(ctx, validate(idPath, req.params, 'path').id, expectedVersion(req, false));
    return { status: 204 };
  }));
  router.post('/:id/improve', inTenant(deps, async (req, ctx) => {
    const { id } = validate(idPath, req.params, 'path');
    const finding = await improveLibraryFinding(ctx, id, validate(libraryImprove, req.body), expectedVersion(req, false));
    return { body: finding, headers: { ETag: etagOf(finding.version) } };
  }));
  return router;
}
