import type { ActivitiesModulePart } from '../module-parts';
import { createAlumniSyncActivities } from './alumni-sync.activities';

/** The activity implementations of the school's alumni area: the two-way Alumnet sync (ADR 0051). */
export const alumniActivities: ActivitiesModulePart = { create: (deps) => ({ ...createAlumniSyncActivities(deps) }) };
