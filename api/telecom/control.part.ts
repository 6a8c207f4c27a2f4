import { logger } from '../../config/logger';
import { ensureBillingControlSchedule } from './control-schedule';
import { controlOpenApiPaths } from './control.openapi';
import { controlRouter } from './control.router';
import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's billing control: supplier invoices, the two V1 controls, anomalies, the monthly report (spec 002 §7). */
export const controlApiPart: TelecomApiPart = {
  routers: (deps) => [{ path: '/telecom', router: controlRouter(deps) }],
  openApiPaths: controlOpenApiPaths,
  /** The nightly control runs as a Temporal Schedule, created or brought up to date here, once per start. */
  onStart: async (deps) => {
    await ensureBillingControlSchedule(await deps.temporal(), deps.taskQueue)
      .catch((error: Error) => logger.error({ err: error }, 'the billing control schedule could not be set up; it is tried again at the next start'));
  },
};
