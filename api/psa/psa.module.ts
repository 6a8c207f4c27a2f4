import type { ApiModule } from '../api-module';

/**
 * The MSP's API (spec 003, issue 14): `/api/v1/psa/…` — opportunities and the pipeline,
 * contracts and their hour ledger, tickets, time entries and timers, the pre-billing queue.
 * Each area brings its router and its OpenAPI paths here.
 */
export const psaApiModule: ApiModule = {
  key: 'psa',
  routers: () => [],
  openApiPaths: () => ({}),
};
