import type { Knex } from 'knex';
import { createEngineActivities, type EngineDeps } from './process/engine.activities';
import { createSmokeActivities } from './smoke/smoke.activities';
import { createSystemActivities } from './system/system.activities';

export interface ActivityDeps {
  knex: Knex;
  loadPlan: EngineDeps['loadPlan'];
}

/** The one registry of activity implementations the worker serves (STYLE §1), by registry name. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSmokeActivities(deps),
    ...createEngineActivities(deps),
    ...createSystemActivities(deps),
  };
}
