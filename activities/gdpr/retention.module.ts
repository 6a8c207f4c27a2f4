import type { ActivitiesModule } from '../activities-module';
import { createRetentionActivities } from './retention.activities';

/** Retention's activities: the daily run per organisation (docs/adr/0026-retention.md). */
export const retentionActivitiesModule: ActivitiesModule = {
  key: 'gdpr-retention',
  create: (deps) => ({ ...createRetentionActivities(deps) }),
};
