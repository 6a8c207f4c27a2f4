import type { ActivitiesModule } from '../activities-module';

/** The activity implementations of the telecom vertical's deployments and the study → deploy → bill → check process (spec 002 §6). */
export const deploymentsActivities: ActivitiesModule['create'] = () => ({});
