import type { ActivitiesModule } from '../activities-module';
import { createDeploymentProcessActivities } from './deployment-process.activities';

/** The activity implementations of the telecom vertical's deployments and the study → deploy → bill → check process (spec 002 §6). */
export const deploymentsActivities: ActivitiesModule['create'] = (deps) => createDeploymentProcessActivities({ knex: deps.knex });
