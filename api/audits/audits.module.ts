import type { ApiModule } from '../api-module';

/**
 * Cassandre's audits (spec 000, issue 16): `/api/v1/audits/…` (missions, catalogue, capture,
 * findings library, report) and `/api/v1/assistant/…` (the local assistant). Each area brings
 * its router and its OpenAPI paths here.
 */
export const auditsApiModule: ApiModule = {
  key: 'audits',
  routers: () => [],
  openApiPaths: () => ({}),
};
