import type { ApiModulePart } from '../module-parts';
import { importOpenApiPaths } from './import.openapi';
import { importRouter } from './import.router';

/** The registry import's API (issue 18, ADR 0050): upload and dry run, runs, mappings, the drop folder. */
export const importApiPart: ApiModulePart = {
  routers: (deps) => [{ path: '/school', router: importRouter(deps) }],
  openApiPaths: importOpenApiPaths,
};
