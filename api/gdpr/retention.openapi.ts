import { dryRunInput, dryRunView, legalHoldChange, legalHoldInput, legalHoldQuery, legalHoldView, retentionRulesView, retentionRunView } from '../../domain/gdpr/retention.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Personal data'];
const refused = { 409: problem('The hold is lifted already'), 422: problem('What the hold names is not in your organisation; `errors` names the field') };

/** Retention's part of the OpenAPI document (api/gdpr/retention.router.ts). */
export function retentionOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/retention/rules': {
      get: { tags, summary: 'The organisation\'s retention rules (data protection officer): per table, its activity\'s duration, what starts the clock, the action, and the next expiry', responses: { 200: answer('The rules', retentionRulesView), ...errors } },
    },
    '/api/v1/gdpr/retention/runs': {
      get: { tags, summary: 'The latest retention runs\' reports: counts per table and activity (anonymised, deleted, kept by a legal hold)', responses: { 200: answer('The reports', itemsOf(retentionRunView)), ...errors } },
    },
    '/api/v1/gdpr/retention/dry-run': {
      post: {
        tags, summary: 'What a run would do on a day (today by default): counts per table and a sample of records by reference (table, id, the clock\'s day); changes nothing and answers no personal value',
        requestBody: jsonBody(dryRunInput), responses: { 200: answer('The dry run', dryRunView), ...errors },
      },
    },
    '/api/v1/gdpr/legal-holds': {
      get: { tags, summary: 'The legal holds (active or not)', parameters: queryParams(legalHoldQuery), responses: { 200: answer('The holds', itemsOf(legalHoldView)), ...errors } },
      post: {
        tags, summary: 'Places a legal hold on a record, a person or a whole processing activity: retention does not apply to what it holds until it is lifted or its end passes (audit log)',
        requestBody: jsonBody(legalHoldInput), responses: { 201: answer('The hold', legalHoldView), ...errors, ...refused },
      },
    },
    '/api/v1/gdpr/legal-holds/{id}': {
      get: { tags, summary: 'One legal hold (ETag: its version)', parameters: [uuidPath()], responses: { 200: answer('The hold', legalHoldView), ...errors } },
      patch: {
        tags, summary: 'Changes a hold\'s reason or end', parameters: [uuidPath(), ifMatch(true)], requestBody: jsonBody(legalHoldChange),
        responses: { 200: answer('The hold', legalHoldView), ...errors, ...preconditions, ...refused },
      },
    },
    '/api/v1/gdpr/legal-holds/{id}/lift': {
      post: {
        tags, summary: 'Lifts a hold: the next retention run applies to what it held (audit log)', parameters: [uuidPath(), ifMatch(true)],
        responses: { 200: answer('The lifted hold', legalHoldView), ...errors, ...preconditions, ...refused },
      },
    },
  };
}
