import type { ApiModule } from '../api-module';
import { breachesOpenApiPaths } from './breaches.openapi';
import { breachesRouter } from './breaches.router';
import { consentsOpenApiPaths } from './consents.openapi';
import { consentsRouter } from './consents.router';
import { consentRenewalsOpenApiPaths } from './consent-renewals.openapi';
import { consentRenewalsRouter } from './consent-renewals.router';
import { gdprOpenApiPaths } from './gdpr.openapi';
import { gdprRouter } from './gdpr.router';
import { requestsOpenApiPaths } from './requests.openapi';
import { requestsRouter } from './requests.router';
import { retentionOpenApiPaths } from './retention.openapi';
import { retentionRouter } from './retention.router';
import { transfersOpenApiPaths } from './transfers.openapi';
import { transfersRouter } from './transfers.router';
import { gdprSettingsOpenApiPaths } from './settings.openapi';
import { gdprSettingsRouter } from './settings.router';

/** Data protection's API (issue 15): `/api/v1/gdpr/…`, the register of processing activities. */
export const gdprApiModule: ApiModule = {
  key: 'gdpr',
  routers: (deps) => [{ path: '/gdpr/breaches', router: breachesRouter(deps) }, { path: '/gdpr', router: gdprRouter(deps) }, { path: '/gdpr', router: requestsRouter(deps) }, { path: '/gdpr', router: consentsRouter(deps) }, { path: '/gdpr', router: retentionRouter(deps) }, { path: '/gdpr', router: transfersRouter(deps) }, { path: '/gdpr', router: gdprSettingsRouter(deps) }, { path: '/gdpr', router: consentRenewalsRouter(deps) }],
  openApiPaths: () => ({ ...gdprOpenApiPaths(), ...requestsOpenApiPaths(), ...breachesOpenApiPaths(), ...consentsOpenApiPaths(), ...retentionOpenApiPaths(), ...transfersOpenApiPaths(), ...gdprSettingsOpenApiPaths(), ...consentRenewalsOpenApiPaths() }),
};
