import type { ActivitiesModule } from '../activities-module';

/** The activity implementations of the telecom vertical's billing control: supplier invoices, the two V1 controls, anomalies, the monthly report (spec 002 §7). */
export const controlActivities: ActivitiesModule['create'] = () => ({});
