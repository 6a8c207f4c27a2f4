import { gdprSettingsInput, gdprSettingsView } from '../../domain/gdpr/settings.schema';
import { answer, errors, ifMatch, jsonBody, preconditions, type Json } from '../openapi-parts';

const tags = ['Personal data'];

/** The data protection settings' part of the OpenAPI document (api/gdpr/settings.router.ts). */
export function gdprSettingsOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/settings': {
      get: { tags, summary: 'The organisation\'s erasure undo window (data protection officer); the platform\'s default until chosen (ETag: its version, 0 until then)', responses: { 200: answer('The settings', gdprSettingsView), ...errors } },
      put: {
        tags, summary: 'Sets the erasure undo window, 0 to 30 days: erasures carried out afterwards can be undone for that long (audit log)', parameters: [ifMatch(false)],
        requestBody: jsonBody(gdprSettingsInput), responses: { 200: answer('The settings', gdprSettingsView), ...errors, ...preconditions },
      },
    },
  };
}
