import type { ApiModule } from '../api-module';
import { anonymisationOpenApiPaths } from './anonymisation.openapi';
import { anonymisationRouter, deliveryDownloadRouter } from './anonymisation.router';
import { assistantOpenApiPaths } from './assistant.openapi';
import { assistantRouter } from './assistant.router';
import { captureOpenApiPaths } from './capture.openapi';
import { captureRouter } from './capture.router';
import { catalogueOpenApiPaths } from './catalogue.openapi';
import { catalogueRouter } from './catalogue.router';
import { findingLibraryRouter } from './finding-library.router';
import { missionsOpenApiPaths } from './missions.openapi';
import { auditsDashboardRouter, missionsRouter } from './missions.router';
import { reportOpenApiPaths } from './report.openapi';
import { reportRouter, reportTemplateRouter } from './report.router';

/**
 * Cassandre's audits (spec 000, issue 16): `/api/v1/audits/…` (missions, catalogue, capture,
 * findings library, report) and `/api/v1/assistant/…` (the local assistant). Each area brings
 * its router and its OpenAPI paths here.
 */
export const auditsApiModule: ApiModule = {
  key: 'audits',
  routers: (deps) => [
    // Before the missions' router: `/audits/missions/{id}/checks` is the catalogue area's.
    { path: '/audits', router: catalogueRouter(deps) },
    { path: '/audits/findings-library', router: findingLibraryRouter(deps) },
    // The local assistant (ADR 0037): `/api/v1/assistant/…`.
    { path: '/assistant', router: assistantRouter(deps) },
    // The report area's `/audits/missions/{id}/report…`, also before the missions' router.
    { path: '/audits/missions', router: reportRouter(deps) },
    { path: '/audits/report-template', router: reportTemplateRouter(deps) },
    // The capture area's `/audits/missions/{id}/{inventory|observations|findings|uploads}`, before the missions' router.
    { path: '/audits/missions', router: captureRouter(deps) },
    // The process area's start, anonymisation and statistics (ADR 0039), before the missions' router.
    { path: '/audits', router: anonymisationRouter(deps) },
    { path: '/audits/missions', router: missionsRouter(deps) },
    { path: '/audits/dashboard', router: auditsDashboardRouter(deps) },
  ],
  // The client's download of a delivered report: the mailed token is the credential.
  publicRouters: (deps) => [{ path: '/audits/deliveries', router: deliveryDownloadRouter(deps) }],
  openApiPaths: () => ({
    ...anonymisationOpenApiPaths(),
    ...assistantOpenApiPaths(),
    ...captureOpenApiPaths(),
    ...catalogueOpenApiPaths(),
    ...missionsOpenApiPaths(),
    ...reportOpenApiPaths(),
  }),
};
