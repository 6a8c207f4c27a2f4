import type { Knex } from 'knex';
import { publicUrl, env } from '../config/env';
import { commsActivities, type CommsOverrides } from './comms/comms.wiring';
import { createEventsActivities } from './events/events.activities';
import { createEngineActivities, type EngineDeps } from './process/engine.activities';
import { createSmokeActivities } from './smoke/smoke.activities';
import { createSystemActivities } from './system/system.activities';

export interface ActivityDeps {
  knex: Knex;
  loadPlan: EngineDeps['loadPlan'];
  /** A lazily connected Temporal client with the worker's data converter (signal broadcasts). */
  temporal?: EngineDeps['temporal'];
  /** Tests replace comms adapters or endpoints here. */
  comms?: CommsOverrides;
}

/** The one registry of activity implementations the worker serves (STYLE §1), by registry name. */
export function createActivities(deps: ActivityDeps) {
  const comms = commsActivities(deps.knex, deps.comms);
  return {
    ...createSmokeActivities(deps),
    ...createEngineActivities(deps),
    ...createSystemActivities(deps),
    ...comms,
    ...createEventsActivities({ knex: deps.knex, publicUrl: deps.comms?.publicUrl ?? publicUrl(env()), sendMail: comms['comms.mail.send'] }),
  };
}
