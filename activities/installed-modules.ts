import type { ActivitiesModule } from './activities-module';
import { auditsActivitiesModule } from './audits/audits.module';
import { backupActivitiesModule } from './backup/backup.module';
import { billingActivitiesModule } from './billing/billing.module';
import { eventsActivitiesModule } from './events/events.module';
import { requestsActivitiesModule } from './gdpr/requests.module';
import { gdprActivitiesModule } from './gdpr/gdpr.module';
import { retentionActivitiesModule } from './gdpr/retention.module';
import { psaActivitiesModule } from './psa/psa.module';
import { schoolActivitiesModule } from './school/school.module';
import { telecomActivitiesModule } from './telecom/telecom.module';

/**
 * The activity implementations of the installed verticals (their contracts are
 * in their domain manifests, domain/installed-modules.ts). One of the three
 * lists allowed to import verticals; the worker passes it to createActivities.
 */
export const INSTALLED_ACTIVITY_MODULES: readonly ActivitiesModule[] = [backupActivitiesModule, billingActivitiesModule, eventsActivitiesModule, gdprActivitiesModule, retentionActivitiesModule, requestsActivitiesModule, psaActivitiesModule, auditsActivitiesModule, telecomActivitiesModule, schoolActivitiesModule];
