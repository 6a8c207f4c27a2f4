import { accountSummary } from '../../domain/telecom/account-summary';
import { z } from 'zod';
import { accountProfile, accountProfileUpsert } from '../../domain/telecom/account-profile.schema';
import { billingSiteRef, billingSiteRefPut } from '../../domain/telecom/billing-site-ref.schema';
import { offer, offerQuery } from '../../domain/telecom/offer.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Telecom — hierarchy'];

/**
 * The hierarchy area's paths beyond the generic record endpoints (`/telecom/lines`, `/telecom/fleets` come from
 * their record kinds; a line's PATCH changes its plan, options and status through its actions, refusing with a 422).
 */
export function hierarchyOpenApiPaths(): Json {
  return {
    '/api/v1/telecom/accounts/{id}/summary': {
      get: {
        tags, summary: 'The account as the main object (spec 002 §4.2): the panel\'s blocks as the caller\'s role may read them (purchase and margin only with « voir marge ») and whether the client is multi-site',
        parameters: [uuidPath()], responses: { 200: answer('The summary', accountSummary), ...errors },
      },
    },
    '/api/v1/telecom/accounts/{id}/profile': {
      get: { tags, summary: 'The account\'s telecom profile (SoftWhere id, brand, external references), or null', parameters: [uuidPath()], responses: { 200: answer('The profile', z.object({ profile: accountProfile.nullable() })), ...errors } },
      put: {
        tags, summary: 'Creates or replaces the profile (If-Match on its version once it exists); a SoftWhere id is unique in the organisation (permission core.account.update)',
        parameters: [uuidPath(), ifMatch(false)], requestBody: jsonBody(accountProfileUpsert), responses: { 200: answer('The profile; ETag: its version', accountProfile), ...errors, ...preconditions },
      },
    },
    '/api/v1/telecom/billing-sites/{id}/refs': {
      get: { tags, summary: 'The billing site\'s references in the billing systems (CFAST billing point, Pennylane…)', parameters: [uuidPath()], responses: { 200: answer('Its references', itemsOf(billingSiteRef)), ...errors } },
    },
    '/api/v1/telecom/billing-sites/{id}/refs/{system}': {
      put: {
        tags, summary: 'Sets the reference in one billing system (null: removes it); unique per system (permission core.billing-site.update)',
        parameters: [uuidPath(), { name: 'system', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$' } }],
        requestBody: jsonBody(billingSiteRefPut), responses: { 200: answer('Its references', itemsOf(billingSiteRef)), ...errors },
      },
    },
    '/api/v1/telecom/offers': {
      get: {
        tags, summary: 'The catalogue of plans and options by brand (its own and every brand\'s), fleet type, operator and kind, with the operator\'s product codes; purchase prices only with « voir marge »',
        parameters: queryParams(offerQuery), responses: { 200: answer('The offers', itemsOf(offer)), ...errors },
      },
    },
  };
}
