import type { ActivitiesModule } from '../activities-module';

/** The activity implementations of the telecom vertical's the operator and billing-system ports, their adapters and per-tenant connections (spec 002 §9). */
export const integrationsActivities: ActivitiesModule['create'] = () => ({});
