import type { ActivitiesModule } from '../activities-module';

/** The activity implementations of the telecom vertical's accounts, contacts, sites, billing sites, fleets, lines and the catalogue of plans (spec 002 §4–5). */
export const hierarchyActivities: ActivitiesModule['create'] = () => ({});
