import type { ActivitiesModulePart } from '../module-parts';

/** The student registry's activity implementations (none: its writes are the API's and the import's). */
export const registryActivities: ActivitiesModulePart = { create: () => ({}) };
