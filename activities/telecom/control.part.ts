import type { ActivitiesModule } from '../activities-module';
import { createControlActivities } from './control.activities';

/** The activity implementations of the telecom vertical's billing control: supplier invoices, the two V1 controls, anomalies, the monthly report (spec 002 §7). */
export const controlActivities: ActivitiesModule['create'] = (deps) => ({ ...createControlActivities(deps) });
