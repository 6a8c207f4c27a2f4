import type { ActivitiesModule } from '../activities-module';

/** The activity implementations of the telecom vertical's multi-selection and durable bulk actions on lines (spec 002 §5.4). */
export const bulkActivities: ActivitiesModule['create'] = () => ({});
