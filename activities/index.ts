import type { Knex } from 'knex';
import { commsActivities, type CommsOverrides } from './comms/comms.wiring';
import { createEngineActivities, type EngineDeps } from './process/engine.activities';
import { createSmokeActivities } from './smoke/smoke.activities';
import { createSystemActivities } from './system/system.activities';

export interface ActivityDeps {
  knex: Knex;
  loadPlan: EngineDeps['loadPlan'];
  /** Tests replace comms adapters or endpoints here. */
  comms?: CommsOverrides;
}

/** The one registry of activity implementations the worker serves (STYLE §1), by registry name. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSmokeActivities(deps),
    ...createEngineActivities(deps),
    ...createSystemActivities(deps),
    ...commsActivities(deps.knex, deps.comms),
  };
}
