import type { ActivitiesModule } from '../activities-module';
import { createAccountingSyncActivities } from './accounting-sync.activities';
import { createDunningActivities } from './dunning.activities';
import { createQuoteExpiryActivities } from './quote-expiry.activities';
import { createSubscriptionActivities } from './subscriptions.activities';

/**
 * The service tasks of billing's processes (the dunning of an invoice, recurring invoicing, the daily expiry of quotes) and the
 * accounting sync's activities (activities/billing/accounting-sync.activities.ts): the tasks'
 * contracts are declared in domain/billing/billing.module.ts, their implementations created here.
 */
export const billingActivitiesModule: ActivitiesModule = {
  key: 'billing',
  create: (deps) => ({ ...createDunningActivities(deps), ...createSubscriptionActivities(deps), ...createAccountingSyncActivities(deps), ...createQuoteExpiryActivities(deps) }),
};
