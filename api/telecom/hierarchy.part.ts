import { Router } from 'express';
import { NotFoundError } from '../../domain/errors';
import { isUuid } from '../../domain/core/record-service';
import { accountSummaryOf } from '../../domain/telecom/account-summary';
import { accountProfileUpsert } from '../../domain/telecom/account-profile.schema';
import { billingSiteRefs, getAccountProfile, putAccountProfile, setBillingSiteRef } from '../../domain/telecom/account-profiles';
import { telecomKey } from '../../domain/telecom/brand.schema';
import { billingSiteRefPut } from '../../domain/telecom/billing-site-ref.schema';
import { telecomFleets } from '../../domain/telecom/fleets';
import { offerQuery } from '../../domain/telecom/offer.schema';
import { listOffers } from '../../domain/telecom/offers';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';
import { hierarchyOpenApiPaths } from './hierarchy.openapi';
import { linesRouter } from './lines.router';
import type { TelecomApiPart } from './telecom-api-part';

/** A path id that is not a uuid names nothing: 404, as an unknown one. */
function pathId(id: unknown, what: { fr: string; en: string }): string {
  if (!isUuid(id)) throw new NotFoundError(what);
  return id;
}
const ACCOUNT = { fr: 'compte', en: 'account' };
const BILLING_SITE = { fr: 'site de facturation', en: 'billing site' };

/** `/telecom/accounts/{id}/summary` (§4.2) and `…/profile` (SoftWhere id, brand, external references). */
function accountsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/summary', inTenant(deps, async (req, ctx) => ({ body: await accountSummaryOf(ctx, pathId(req.params.id, ACCOUNT)) }), { replicaReads: true }));
  router.get('/:id/profile', inTenant(deps, async (req, ctx) => ({ body: { profile: await getAccountProfile(ctx, pathId(req.params.id, ACCOUNT)) } })));
  router.put('/:id/profile', inTenant(deps, async (req, ctx) => {
    const id = pathId(req.params.id, ACCOUNT);
    const profile = await putAccountProfile(ctx, id, expectedVersion(req, false), validate(accountProfileUpsert, req.body));
    return { body: profile, headers: { ETag: etagOf(profile.version) } };
  }));
  return router;
}

/** `/telecom/billing-sites/{id}/refs`: a billing site's references in the billing systems (§4.5). */
function billingSitesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/refs', inTenant(deps, async (req, ctx) => ({ body: { items: await billingSiteRefs(ctx, pathId(req.params.id, BILLING_SITE)) } })));
  router.put('/:id/refs/:system', inTenant(deps, async (req, ctx) => {
    const id = pathId(req.params.id, BILLING_SITE);
    const system = validate(telecomKey, req.params.system, 'system');
    const { reference } = validate(billingSiteRefPut, req.body);
    return { body: { items: await setBillingSiteRef(ctx, id, system, reference || null) } };
  }));
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
      { path: '/telecom/accounts', router: accountsRouter(deps) },
      { path: '/telecom/billing-sites', router: billingSitesRouter(deps) },
    ];
  },
  openApiPaths: hierarchyOpenApiPaths,
};
