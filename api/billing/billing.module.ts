import type { ApiModule } from '../api-module';
import { billingDocumentsOpenApiPaths } from './billing-documents.openapi';
import { billingDocumentsRouter } from './billing-documents.router';
import { billingOpenApiPaths } from './billing.openapi';
import { billingRouter } from './billing.router';

/** Billing's API: `/api/v1/billing/…` (the legal profile, the actions on quotes, invoices and credit notes, payments, balances). */
export const billingApiModule: ApiModule = {
  key: 'billing',
  routers: (deps) => [{ path: '/billing', router: billingRouter(deps) }, { path: '/billing', router: billingDocumentsRouter(deps) }],
  openApiPaths: () => ({ ...billingOpenApiPaths(), ...billingDocumentsOpenApiPaths() }),
};
