import { z } from 'zod';
import { accountBrand, accountBrandUpdate, accountPanel } from '../../domain/telecom/account-panel.schema';
import { brandMembersUpdate, brandView, brandingUpdate } from '../../domain/telecom/branding.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, uuidPath, type Json } from '../openapi-parts';

const tags = ['Telecom — brands and views'];
const refused = { 422: problem('Refused by a rule: not a PNG/JPEG/WebP logo, a member who is not a partner or reseller, an unknown mail template (French first)') };
const logoBody = {
  required: true,
  content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'PNG, JPEG or WebP, 256 KB at most' } } } } },
};

/** The brands area's part of the OpenAPI document (api/telecom/brands.router.ts, ADR 0046). */
export function brandsOpenApiPaths(): Json {
  return {
    '/api/v1/telecom/accounts/{id}/panel': {
      get: {
        tags, summary: 'The account panel\'s telecom blocks as the caller\'s role may read them (spec 002 §10.3): summary; external references and billing sites for direction, managers, sales and accounting; sites → fleets with line counts for operations and the client; monthly sale for who reads the account\'s finances, purchase and margin only with « voir marge ». Sections not readable are absent. Another brand\'s account answers 404 to a brand-bound partner',
        parameters: [uuidPath()], responses: { 200: answer('The panel', accountPanel), ...errors },
      },
    },
    '/api/v1/telecom/accounts/{id}/brand': {
      put: {
        tags, summary: 'Sets the client\'s white-label brand (an active brand, or null for none) by who may change the account; If-Match: the telecom profile\'s version (summary.profileVersion); kept in the account\'s history. Its brand\'s partners then see it',
        parameters: [uuidPath(), ifMatch()], requestBody: jsonBody(accountBrandUpdate), responses: { 200: answer('The brand and the profile\'s version', accountBrand), ...errors, ...preconditions, ...refused },
      },
    },
    '/api/v1/telecom/brands': {
      get: { tags, summary: 'The white-label brands with their branding (and their users, for who administers brands; permission telecom.brand)', responses: { 200: answer('The brands', itemsOf(brandView)), ...errors } },
    },
    '/api/v1/telecom/brands/mine': {
      get: { tags, summary: 'The brand the caller belongs to (a partner, a reseller), for its screens\' colours and logo; null when none', responses: { 200: answer('The brand', z.object({ brand: brandView.nullable() })), ...errors } },
    },
    '/api/v1/telecom/brands/{id}': {
      get: { tags, summary: 'One brand with its branding; ETag: the branding\'s version', parameters: [uuidPath()], responses: { 200: answer('The brand', brandView), ...errors } },
    },
    '/api/v1/telecom/brands/{id}/branding': {
      patch: {
        tags, summary: 'Sets the brand\'s colours, mail sender name and own mail templates (audited)', parameters: [uuidPath(), ifMatch()],
        requestBody: jsonBody(brandingUpdate), responses: { 200: answer('The brand', brandView), ...errors, ...preconditions, ...refused },
      },
    },
    '/api/v1/telecom/brands/{id}/logo': {
      put: { tags, summary: 'Replaces the brand\'s logo (its bytes are checked, not the declared type)', parameters: [uuidPath(), ifMatch()], requestBody: logoBody, responses: { 200: answer('The brand', brandView), ...errors, ...preconditions, ...refused } },
      delete: { tags, summary: 'Takes the brand\'s logo off', parameters: [uuidPath(), ifMatch()], responses: { 200: answer('The brand', brandView), ...errors, ...preconditions } },
    },
    '/api/v1/telecom/brands/{id}/members': {
      put: {
        tags, summary: 'Sets who belongs to the brand (partner and reseller users): they then read only its clients, lines and offers (audited)', parameters: [uuidPath()],
        requestBody: jsonBody(brandMembersUpdate), responses: { 200: answer('The brand', brandView), ...errors, ...refused },
      },
    },
  };
}
