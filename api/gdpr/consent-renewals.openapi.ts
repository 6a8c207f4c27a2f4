import { consentRenewalQuery, consentRenewalView } from '../../domain/gdpr/consent-renewal.schema';
import { answer, errors, queryParams, type Json } from '../openapi-parts';

/** The consent renewals' part of the OpenAPI document (api/gdpr/consent-renewals.router.ts). */
export function consentRenewalsOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/consent-renewals': {
      get: {
        tags: ['Personal data'], summary: 'The people whose consent in force names an older text than the purpose\'s current one (or none), per channel: to ask again (data protection officer)',
        parameters: queryParams(consentRenewalQuery), responses: { 200: answer('The people to ask again', consentRenewalView), ...errors },
      },
    },
  };
}
