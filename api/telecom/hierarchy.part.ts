import { Router } from 'express';
import { NotFoundError } from '../../domain/errors';
import { isUuid } from '../../domain/core/record-service';
import { accountSummaryOf } from '../../domain/telecom/account-summary';
import { telecomFleets } from '../../domain/telecom/fleets';
import { offerQuery } from '../../domain/telecom/offer.schema';
import { listOffers } from '../../domain/telecom/offers';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';
import { hierarchyOpenApiPaths } from './hierarchy.openapi';
import { linesRouter } from './lines.router';
import type { TelecomApiPart } from './telecom-api-part';

/** `/telecom/accounts/{id}/summary` (§4.2) and `/telecom/offers` (the catalogue of plans and options per brand). */
function summaryRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/summary', inTenant(deps, async (req, ctx) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw new NotFoundError({ fr: 'compte', en: 'account' });
    return { body: await accountSummaryOf(ctx, id) };
  }, { replicaReads: true }));
  return router;
}

function offersRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: { items: await listOffers(ctx, validate(offerQuery, req.query, 'query')) } }), { replicaReads: true }));
  return router;
}

/** The API of the telecom vertical's accounts, fleets, lines and the catalogue of plans and options (spec 002 §4–5, ADR 0041). */
export const hierarchyApiPart: TelecomApiPart = {
  routers: (deps) => {
    const fleets = Router();
    fleets.use('/', recordRouter(deps, telecomFleets));
    return [
      { path: '/telecom/lines', router: linesRouter(deps) },
      { path: '/telecom/fleets', router: fleets },
      { path: '/telecom/offers', router: offersRouter(deps) },
      { path: '/telecom/accounts', router: summaryRouter(deps) },
    ];
  },
  openApiPaths: hierarchyOpenApiPaths,
};
