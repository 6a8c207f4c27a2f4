import { decisionDeployment, decisionEvaluation, decisionListItem, decisionWithPlan } from '../../domain/process/definition.schema';
import { answer, errors, itemsOf, jsonBody, problem, type Json } from '../openapi-parts';
import { evaluateDecisionRequest } from './decisions.router';

/** DMN decision definitions in the OpenAPI document. */
export function decisionsOpenApiPaths(): Json {
  const tags = ['Decision definition'];
  const decisionId = { name: 'decisionId', in: 'path', required: true, schema: { type: 'string' }, description: 'The decision\'s id in its DMN file' };
  return {
    '/api/v1/decision-definitions': {
      get: { tags, summary: 'Every decision at its latest version: key (its file), version, number of versions, kind and hit policy', responses: { 200: answer('`items`, by decision id', itemsOf(decisionListItem)), ...errors } },
      post: {
        tags, summary: 'Deploy a DMN 1.3 file (Camunda Modeler) as the next version of its key (the <definitions> id): decision tables and literal expressions',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
        requestBody: { required: true, content: { 'application/xml': { schema: { type: 'string', maxLength: 1048576 } }, 'text/xml': { schema: { type: 'string' } } } },
        responses: {
          201: answer('Deployed', decisionDeployment), ...errors,
          413: problem('The file is over 1 MB'), 415: problem('The body is not application/xml or text/xml'),
          422: problem('The file cannot be deployed (FEEL syntax, boxed contexts, business knowledge models, a decision id another file owns…): `problems` lists `{ elementId, rule, message }`'),
        },
      },
    },
    '/api/v1/decision-definitions/{decisionId}': {
      get: { tags, summary: 'The latest version of a decision with its compiled plan', parameters: [decisionId], responses: { 200: answer('The decision and its `plan`', decisionWithPlan), ...errors } },
    },
    '/api/v1/decision-definitions/{decisionId}/evaluate': {
      post: {
        tags, summary: 'Evaluate the latest version of a decision over variables, to test it: the result and the rules each decision matched', parameters: [decisionId],
        requestBody: jsonBody(evaluateDecisionRequest),
        responses: { 200: answer('The result and the rules each decision matched', decisionEvaluation), ...errors, 422: problem('The decision gives no result: two rules of a UNIQUE table match, a FEEL error…') },
      },
    },
  };
}
