import { Router } from 'express';
import { savedViewCreate, savedViewListFilter, savedViewUpdate } from '../../domain/core/saved-view.schema';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from '../../domain/core/saved-views';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/** /saved-views: the views a person saved on a list, and those colleagues shared (domain/core/saved-views.ts). */
export function savedViewsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/', inTenant(deps, async (req, ctx) => ({
    body: { items: await listSavedViews(ctx, validate(savedViewListFilter, req.query, 'query').list) },
  })));

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const created = await createSavedView(ctx, validate(savedViewCreate, req.body));
    return { status: 201, body: created, headers: { ETag: etagOf(created.version), Location: `${req.baseUrl}/${created.id}` } };
  })));

  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const updated = await updateSavedView(ctx, String(req.params.id), version, validate(savedViewUpdate, req.body));
    return { body: updated, headers: { ETag: etagOf(updated.version) } };
  }));

  router.delete('/:id', inTenant(deps, async (req, ctx) => {
    await deleteSavedView(ctx, String(req.params.id), expectedVersion(req, false));
    return { status: 204 };
  }));

  return router;
}
