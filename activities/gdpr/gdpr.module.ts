import type { ActivitiesModule } from '../activities-module';
import { createBreachActivities } from './breach.activities';

/** The gdpr context's activities: the breach response process (workflows/gdpr/breach-response.bpmn). */
export const gdprActivitiesModule: ActivitiesModule = {
  key: 'gdpr',
  create: (deps) => createBreachActivities(deps),
};
