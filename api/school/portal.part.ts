import type { ApiModulePart } from '../module-parts';
import { portalOpenApiPaths } from './portal.openapi';
import { portalRouter } from './portal.router';

/** The student portal's API (issue 18, ADR 0053): `/api/v1/school/portal/…`, the correction requests and the grades import. */
export const portalApiPart: ApiModulePart = {
  routers: (deps) => [{ path: '/school', router: portalRouter(deps) }],
  openApiPaths: portalOpenApiPaths,
};
