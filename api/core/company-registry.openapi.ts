import { z } from 'zod';
import { companySearchQuery, companySuggestion } from '../../domain/core/company-registry';
import { answer, errors, problem, queryParams, type Json } from '../openapi-parts';

/** The French company lookup in the OpenAPI document. */
export function companyRegistryOpenApiPaths(): Json {
  return {
    '/api/v1/company-registry/search': {
      get: {
        tags: ['Company registry'],
        summary: 'French companies by name, SIREN or SIRET, narrowed by NAF code, postcode or département and workforce bands (filters alone may search), as account fields (legal name, SIREN, head-office SIRET and address, NAF, workforce band, VAT number computed from the SIREN)',
        parameters: queryParams(companySearchQuery),
        responses: {
          200: answer('`provider` and `items`', z.object({ provider: z.string(), items: z.array(companySuggestion) })),
          ...errors,
          503: problem('The registry does not answer: type the company by hand or try again'),
        },
      },
    },
  };
}
