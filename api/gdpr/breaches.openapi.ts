import {
  breachCommunicationInput, breachDeclareInput, breachListQuery, breachNotificationInput, breachUpdateInput, breachView, preparedNotificationView,
} from '../../domain/gdpr/breach.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Personal data'];
const one = (description: string) => answer(description, breachView);
const closed = { 409: problem('The breach is closed, or the change is not allowed in its state (an initial notification twice, a complement before it, a documented breach notified)') };
const refused = { 422: problem('A rule of art. 33/34 refuses it: a decision without its reason, « no notification » for a risky breach, a late notification without the reasons for the delay') };

/** The breach register's part of the OpenAPI document (api/gdpr/breaches.router.ts, ADR 0025). */
export function breachesOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/breaches': {
      get: { tags, summary: 'The register of personal data breaches, latest discovered first, each with the time left before the 72-hour deadline', parameters: queryParams(breachListQuery), responses: { 200: answer('The breaches', itemsOf(breachView)), ...errors } },
      post: {
        tags, summary: 'Declares a breach (data protection officer): its process gdpr.breach-response starts (assessment, escalations at 24, 48 and 72 hours, the CNIL\'s notification)',
        requestBody: jsonBody(breachDeclareInput), responses: { 201: one('The breach'), ...errors },
      },
    },
    '/api/v1/gdpr/breaches/{id}': {
      get: { tags, summary: 'One breach (ETag: its version)', parameters: [uuidPath()], responses: { 200: one('The breach'), ...errors } },
      patch: {
        tags, summary: 'Changes its facts or its assessment (risk, the reasoned decisions on notifying the CNIL and telling the people); a decision moves its process',
        parameters: [uuidPath(), ifMatch(true)], requestBody: jsonBody(breachUpdateInput), responses: { 200: one('The breach'), ...errors, ...preconditions, ...closed, ...refused },
      },
    },
    '/api/v1/gdpr/breaches/{id}/notifications': {
      post: { tags, summary: 'Records a notification made to the CNIL: the initial one (the escalations stop), then complements', parameters: [uuidPath()], requestBody: jsonBody(breachNotificationInput), responses: { 201: one('The breach'), ...errors, ...closed, ...refused } },
    },
    '/api/v1/gdpr/breaches/{id}/communications': {
      post: { tags, summary: 'Records a communication to the people concerned made outside the platform', parameters: [uuidPath()], requestBody: jsonBody(breachCommunicationInput), responses: { 201: one('The breach'), ...errors, ...closed } },
    },
    '/api/v1/gdpr/breaches/{id}/close': {
      post: { tags, summary: 'Closes a breach notified or documented without notification', parameters: [uuidPath()], responses: { 200: one('The breach'), ...errors, ...closed } },
    },
    '/api/v1/gdpr/breaches/{id}/notification': {
      get: {
        tags, summary: 'The notification prepared for the CNIL\'s online form (who, what, when, data and people, consequences, measures): JSON, or a PDF with Accept: application/pdf or ?format=pdf',
        parameters: [uuidPath(), { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'pdf'] } }],
        responses: {
          200: {
            description: 'The prepared notification',
            content: { ...answer('', preparedNotificationView).content, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errors,
        },
      },
    },
  };
}
