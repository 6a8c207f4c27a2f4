import type { ActivitiesModule } from '../activities-module';
import { mergeActivityParts, type ActivitiesModulePart } from '../module-parts';
import { alumniActivities } from './alumni.part';
import { importActivities } from './import.part';
import { registryActivities } from './registry.part';

/** The areas' activity implementations (contracts in domain/school), one part per area. */
const parts: readonly ActivitiesModulePart[] = [registryActivities, alumniActivities, importActivities];

/** ACME School's activity implementations (spec 004, issue 18). */
export const schoolActivitiesModule: ActivitiesModule = mergeActivityParts('school', parts);
