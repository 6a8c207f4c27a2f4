import { registerEntryInput } from '../../domain/gdpr/register';
import { registerEntryView, registerView } from '../../domain/gdpr/register.schema';
import { answer, errors, ifMatch, jsonBody, preconditions, type Json } from '../openapi-parts';

const tags = ['Personal data'];
const key = { name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]+(\\.[a-z-]+)+$', maxLength: 100 } };

/** The gdpr part of the OpenAPI document (api/gdpr/gdpr.router.ts). */
export function gdprOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/register': {
      get: { tags, summary: 'The register of processing activities (data protection officer): each activity, pre-filled from the modules\' declarations or as edited', responses: { 200: answer('The register', registerView), ...errors } },
    },
    '/api/v1/gdpr/register.pdf': {
      get: {
        tags, summary: 'The register as the CNIL\'s model document (PDF, French)',
        responses: { 200: { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
      },
    },
    '/api/v1/gdpr/register/{key}': {
      get: { tags, summary: 'One activity of the register (ETag: its version, 0 until edited)', parameters: [key], responses: { 200: answer('The activity', registerEntryView), ...errors } },
      put: {
        tags, summary: 'Rewrites one activity of the register (noted in the audit log)', parameters: [key, ifMatch(true)], requestBody: jsonBody(registerEntryInput),
        responses: { 200: answer('The activity', registerEntryView), ...errors, ...preconditions },
      },
    },
  };
}
