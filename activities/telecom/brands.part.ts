import type { ActivitiesModule } from '../activities-module';

/** The activity implementations of the telecom vertical's white label brands and the role-dependent views (spec 002 §10–11). */
export const brandsActivities: ActivitiesModule['create'] = () => ({});
