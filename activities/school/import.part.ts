import type { ActivitiesModulePart } from '../module-parts';
import { createDailyImportActivities } from './import-daily.activities';

/** The registry import's activity implementations: the daily import from the drop folder (workflows/school/import-daily.contract.ts). */
export const importActivities: ActivitiesModulePart = { create: (deps) => ({ ...createDailyImportActivities(deps) }) };
