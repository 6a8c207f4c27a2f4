import { connectionPut, connectionView, connectionsList } from '../../domain/telecom/connection.schema';
import { answer, errors, ifMatch, jsonBody as body, preconditions, problem, type Json } from '../openapi-parts';

/** The telecom connections and the operators' webhook in the OpenAPI document (ADR 0042). */
export function integrationsOpenApiPaths(): Json {
  const tags = ['Telecom'];
  return {
    '/api/v1/telecom/connections': {
      get: { tags, summary: 'The connections to operators and billing systems, and the adapters installed (credentials never answered, only which fields are set)', responses: { 200: answer('The connections', connectionsList), ...errors } },
    },
    '/api/v1/telecom/connections/{kind}/{key}': {
      put: {
        tags, summary: 'Create or replace the connection of an operator (`operator`) or billing system (`billing-system`) key: adapter, base URL, credentials and webhook secret (sealed at rest; those left out are kept)',
        parameters: [
          { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['operator', 'billing-system'] } },
          { name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' } },
          ifMatch(false),
        ],
        requestBody: body(connectionPut),
        responses: { 200: answer('Saved (ETag is its version)', connectionView), ...errors, 412: preconditions[412] },
      },
    },
    '/api/v1/telecom/operators/{key}/webhook': {
      post: {
        tags, security: [], summary: 'An operator\'s notification about an order (`?tenant=<slug>`; HMAC-SHA256 of the raw body with the connection\'s webhook secret in X-Signature, or the adapter\'s header); the order is then read through the port and its end told to the engine (message telecom.operator-order-completed, correlated on the order id)',
        parameters: [
          { name: 'key', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'tenant', in: 'query', required: true, schema: { type: 'string' } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: { description: 'Received (`outcome`: ignored, unknown-order, pending, notified, already-notified)', content: { 'application/json': { schema: { type: 'object', properties: { received: { type: 'boolean' }, outcome: { type: 'string' }, orderId: { type: ['string', 'null'] } }, required: ['received', 'outcome'] } } } },
          400: problem('Signed but not JSON: nothing changed'),
          401: problem('Missing or wrong signature: nothing changed'),
          404: problem('No such organisation, or no active connection to this operator with a webhook secret'),
        },
      },
    },
  };
}
