import type { ActivitiesModule } from '../activities-module';
import { createBackupActivities } from './backup.activities';

/** The backup context's activities: the daily backup, the rotation, the restore drill and the alert. */
export const backupActivitiesModule: ActivitiesModule = {
  key: 'backup',
  create: (deps) => createBackupActivities(deps),
};
