import type { ActivitiesModule } from '../activities-module';
import { createEventsActivities } from './events.activities';

/** The service tasks of Epic Events' processes (contracts in domain/events/events.activity-contracts.ts). */
export const eventsActivitiesModule: ActivitiesModule = {
  key: 'events',
  create: (deps) => createEventsActivities(deps),
};
