import type { Knex } from 'knex';
import { createSmokeActivities } from './smoke/smoke.activities';

export interface ActivityDeps {
  knex: Knex;
}

/** The one registry of activities the worker serves (STYLE §1). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSmokeActivities(deps),
  };
}
