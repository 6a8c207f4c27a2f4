import type { ActivitiesModule } from '../activities-module';

/**
 * The service tasks of billing's processes (the dunning of an invoice, recurring invoicing): their
 * contracts are declared in domain/billing/billing.module.ts, their implementations created here.
 */
export const billingActivitiesModule: ActivitiesModule = {
  key: 'billing',
  create: () => ({}),
};
