import { anonymisationStanding, missionStatistics, postponed, postponeInput, processStarted } from '../../domain/audits/anonymisation.schema';
import { answer, errors, idempotencyKey, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The process area's endpoints in the OpenAPI document (api/audits/anonymisation.router.ts). */
export function anonymisationOpenApiPaths(): Json {
  const tags = ['Audit process and anonymisation'];
  const id = uuidPath();
  return {
    '/api/v1/audits/missions/{id}/start': {
      post: {
        tags, summary: 'Start the mission\'s process « De l\'audit à l\'anonymisation » (audits.audit-to-anonymise), taken up where the mission stands; Idempotency-Key supported',
        parameters: [id, idempotencyKey], requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false } } } },
        responses: {
          201: answer('Started', processStarted), ...errors, 409: problem('The mission\'s process is already under way'),
          422: problem('The process is not deployed in this organisation'), 503: problem('The process engine does not answer: nothing was started'),
        },
      },
    },
    '/api/v1/audits/missions/{id}/anonymisation': {
      get: { tags, summary: 'Where the mission stands with its anonymisation: delivery, planned day, postponement, its process and open tasks', parameters: [id], responses: { 200: answer('The standing', anonymisationStanding), ...errors } },
    },
    '/api/v1/audits/missions/{id}/anonymisation/postpone': {
      post: {
        tags, summary: 'Postpone the delivered mission\'s anonymisation, once, to a later day (until, or days after the planned day; at most a year) with a reason; audited; the running process plans the new day',
        parameters: [id], requestBody: body(postponeInput),
        responses: { 200: answer('Postponed', postponed), ...errors, 409: problem('Already postponed once, not delivered, or already anonymised') },
      },
    },
    '/api/v1/audits/statistics': {
      get: { tags, summary: '« Historique anonymisé des missions »: what anonymised missions leave (scopes, sector, town, month, counts), no identity', responses: { 200: answer('The anonymised history', missionStatistics), ...errors } },
    },
    '/api/v1/audits/deliveries/{token}': {
      get: {
        tags, summary: 'The client\'s download of the delivered report (no account: the token mailed is the credential), while the link is valid', security: [],
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'The report\'s PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          404: problem('No such link'), 410: problem('The link has expired'),
        },
      },
    },
  };
}
