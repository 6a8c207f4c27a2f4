import { connectionsRouter } from './connections.router';
import { integrationsOpenApiPaths } from './integrations.openapi';
import { operatorWebhookRouter } from './operator-webhook.router';
import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's operator and billing-system ports: per-tenant connections, and the operators' webhook (ADR 0042). */
export const integrationsApiPart: TelecomApiPart = {
  routers: (deps) => [{ path: '/telecom', router: connectionsRouter(deps) }],
  publicRouters: (deps) => [{ path: '/telecom/operators', router: operatorWebhookRouter(deps) }],
  openApiPaths: integrationsOpenApiPaths,
};
