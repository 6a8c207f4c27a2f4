import { logger } from '../../config/logger';
import type { ApiModule } from '../api-module';
import { billingDocumentsOpenApiPaths } from './billing-documents.openapi';
import { billingDocumentsRouter } from './billing-documents.router';
import { billingIntegrationsOpenApiPaths } from './billing-integrations.openapi';
import { billingIntegrationsRouter } from './billing-integrations.router';
import { billingOpenApiPaths } from './billing.openapi';
import { billingRouter } from './billing.router';
import { dunningOpenApiPaths } from './dunning.openapi';
import { dunningRouter } from './dunning.router';
import { ensureSubscriptionSchedule } from './subscription-schedule';

/** Billing's API: `/api/v1/billing/…` (the legal profile, the actions on quotes, invoices and credit notes, payments, balances). */
export const billingApiModule: ApiModule = {
  key: 'billing',
  routers: (deps) => [{ path: '/billing', router: billingRouter(deps) }, { path: '/billing', router: billingDocumentsRouter(deps) }, { path: '/billing', router: dunningRouter(deps) }, { path: '/billing', router: billingIntegrationsRouter(deps) }],
  // The Stripe webhook itself is mounted by api/app.ts before the JSON parser (it reads the raw body).
  openApiPaths: () => ({ ...billingOpenApiPaths(), ...billingDocumentsOpenApiPaths(), ...dunningOpenApiPaths(), ...billingIntegrationsOpenApiPaths() }),
  /** Recurring invoicing runs every hour (a Temporal Schedule); created or brought up to date here, once per start. */
  onStart: async (deps) => {
    await ensureSubscriptionSchedule(await deps.temporal(), deps.taskQueue)
      .catch((error: Error) => logger.error({ err: error }, 'the recurring invoicing schedule could not be set up; it is tried again at the next start'));
  },
};
