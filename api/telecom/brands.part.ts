import { brandsOpenApiPaths } from './brands.openapi';
import { accountPanelRouter, brandsRouter } from './brands.router';
import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's white label brands and the role-dependent views (spec 002 §10–11, ADR 0046). */
export const brandsApiPart: TelecomApiPart = {
  routers: (deps) => [{ path: '/telecom/accounts', router: accountPanelRouter(deps) }, { path: '/telecom/brands', router: brandsRouter(deps) }],
  openApiPaths: brandsOpenApiPaths,
};
