import type { ActivitiesModule } from '../activities-module';
import { createAuditProcessActivities } from './process.activities';

/**
 * The service tasks of the audits' processes (`audits.audit-to-anonymise`): their contracts are
 * declared in domain/audits/audits.module.ts, their implementations created here.
 */
export const auditsActivitiesModule: ActivitiesModule = {
  key: 'audits',
  create: (deps) => ({ ...createAuditProcessActivities(deps) }),
};
