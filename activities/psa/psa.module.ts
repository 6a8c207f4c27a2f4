import type { ActivitiesModule } from '../activities-module';
import { createSlaActivities } from './sla.activities';

/**
 * The service tasks of the MSP's processes (`psa.ticket-to-invoice`, the ticket's SLA): their
 * contracts are declared in domain/psa/psa.module.ts, their implementations created here.
 */
export const psaActivitiesModule: ActivitiesModule = {
  key: 'psa',
  create: (deps) => ({ ...createSlaActivities(deps) }),
};
