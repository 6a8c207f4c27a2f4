import type { ApiModule } from '../api-module';
import { consentsOpenApiPaths } from './consents.openapi';
import { consentsRouter } from './consents.router';
import { gdprOpenApiPaths } from './gdpr.openapi';
import { gdprRouter } from './gdpr.router';

/** Data protection's API (issue 15): `/api/v1/gdpr/…`, the register of processing activities. */
export const gdprApiModule: ApiModule = {
  key: 'gdpr',
  routers: (deps) => [{ path: '/gdpr', router: gdprRouter(deps) }, { path: '/gdpr', router: consentsRouter(deps) }],
  openApiPaths: () => ({ ...gdprOpenApiPaths(), ...consentsOpenApiPaths() }),
};
