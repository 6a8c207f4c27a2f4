import { logger } from '../../config/logger';
import type { ApiModulePart } from '../module-parts';
import { ensureSchoolDailyImportSchedule } from './import-schedule';
import { importOpenApiPaths } from './import.openapi';
import { importRouter } from './import.router';

/** The registry import's API (issue 18, ADR 0050): upload and dry run, runs, mappings, the drop folder. */
export const importApiPart: ApiModulePart = {
  routers: (deps) => [{ path: '/school', router: importRouter(deps) }],
  openApiPaths: importOpenApiPaths,
  /** The daily import runs as a Temporal Schedule, created or brought up to date here, once per start. */
  onStart: async (deps) => {
    await ensureSchoolDailyImportSchedule(await deps.temporal(), deps.taskQueue)
      .catch((error: Error) => logger.error({ err: error }, 'the school daily import schedule could not be set up; it is tried again at the next start'));
  },
};
