import type { ApiModulePart } from '../module-parts';
import { companiesOpenApiPaths } from './companies.openapi';
import { companiesRouter } from './companies.router';

/** The companies area's API (issue 18, ADR 0052): companies, the legacy import, introductions, SMS to students. */
export const companiesApiPart: ApiModulePart = {
  routers: (deps) => [{ path: '/school', router: companiesRouter(deps) }],
  openApiPaths: companiesOpenApiPaths,
};
