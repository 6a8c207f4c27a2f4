import type { ActivitiesModule } from '../activities-module';
import { mergeActivityParts } from '../module-parts';
import { hierarchyActivities } from './hierarchy.part';
import { integrationsActivities } from './integrations.part';
import { bulkActivities, bulkSenders } from './bulk.part';
import { deploymentsActivities } from './deployments.part';
import { controlActivities } from './control.part';
import { brandsActivities } from './brands.part';

/** The telecom vertical's activity implementations (contracts in domain/telecom), one file per area. */
export const telecomActivitiesModule: ActivitiesModule = mergeActivityParts('telecom', [
  { create: hierarchyActivities }, { create: integrationsActivities }, { create: bulkActivities, bulkSenders }, { create: deploymentsActivities },
  { create: controlActivities }, { create: brandsActivities },
]);
