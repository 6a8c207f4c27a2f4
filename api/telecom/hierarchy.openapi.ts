import { accountSummary } from '../../domain/telecom/account-summary';
import { offer, offerQuery } from '../../domain/telecom/offer.schema';
import { answer, errors, itemsOf, queryParams, uuidPath, type Json } from '../openapi-parts';

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
    '/api/v1/telecom/offers': {
      get: {
        tags, summary: 'The catalogue of plans and options by brand (its own and every brand\'s), fleet type, operator and kind, with the operator\'s product codes; purchase prices only with « voir marge »',
        parameters: queryParams(offerQuery), responses: { 200: answer('The offers', itemsOf(offer)), ...errors },
      },
    },
  };
}
