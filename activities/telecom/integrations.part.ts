import type { ActivitiesModule } from '../activities-module';
import { createOperatorOrderActivities } from './operator-order.activities';

/** The activity implementations of the telecom vertical's operator and billing-system ports (ADR 0042): polling the waiting operator orders. */
export const integrationsActivities: ActivitiesModule['create'] = (deps) => {
  const temporal = deps.temporal;
  return createOperatorOrderActivities({
    knex: deps.knex,
    temporal: temporal ?? (() => Promise.reject(new Error('The worker gave the telecom activities no Temporal client.'))),
  });
};
