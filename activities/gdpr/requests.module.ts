import type { ActivitiesModule } from '../activities-module';
import { createErasureActivities } from './erasure.activities';
import { createRequestActivities } from './requests.activities';

/** The service tasks of the rights requests' process (`gdpr.rights-request`; contracts in domain/gdpr/requests.activity-contracts.ts). */
export const requestsActivitiesModule: ActivitiesModule = {
  key: 'gdpr-requests',
  create: (deps) => ({ ...createRequestActivities(deps), ...createErasureActivities(deps) }),
};
