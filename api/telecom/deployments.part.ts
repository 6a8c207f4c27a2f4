import { deploymentsOpenApi } from './deployments.openapi';
import { deploymentsRouter } from './deployments.router';
import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's deployments and the study → deploy → bill → check process (spec 002 §6). */
export const deploymentsApiPart: TelecomApiPart = {
  routers: (deps) => [{ path: '/telecom/deployments', router: deploymentsRouter(deps) }],
  openApiPaths: deploymentsOpenApi,
};
