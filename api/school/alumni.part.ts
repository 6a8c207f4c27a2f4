import { logger } from '../../config/logger';
import type { ApiModulePart } from '../module-parts';
import { ensureAlumniSyncSchedule } from './alumni-schedule';
import { alumniOpenApiPaths } from './alumni.openapi';
import { alumniRouter } from './alumni.router';

/** The API of the school's alumni: the search, the Alumnet connection and its sync (ADR 0051). */
export const alumniApiPart: ApiModulePart = {
  routers: (deps) => [{ path: '/school', router: alumniRouter(deps) }],
  openApiPaths: alumniOpenApiPaths,
  /** The nightly sync runs as a Temporal Schedule, created or brought up to date here, once per start. */
  onStart: async (deps) => {
    await ensureAlumniSyncSchedule(await deps.temporal(), deps.taskQueue)
      .catch((error: Error) => logger.error({ err: error }, 'the Alumnet sync schedule could not be set up; it is tried again at the next start'));
  },
};
