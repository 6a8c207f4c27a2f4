import { Router } from 'express';
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

/** `/telecom/offers`: the catalogue of plans and options per brand. */
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
    ];
  },
  openApiPaths: hierarchyOpenApiPaths,
};
