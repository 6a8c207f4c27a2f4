import type { ApiModule } from './api-module';
import { auditsApiModule } from './audits/audits.module';
import { backupApiModule } from './backup/backup.module';
import { billingApiModule } from './billing/billing.module';
import { eventsApiModule } from './events/events.module';
import { gdprApiModule } from './gdpr/gdpr.module';
import { planningApiModule } from './planning/planning.module';
import { psaApiModule } from './psa/psa.module';
import { schoolApiModule } from './school/school.module';
import { telecomApiModule } from './telecom/telecom.module';

/**
 * The API parts of the installed verticals (their domain parts are in
 * domain/installed-modules.ts). One of the three lists allowed to import
 * verticals; api/server.ts and the other callers of createApp pass it.
 */
export const INSTALLED_API_MODULES: readonly ApiModule[] = [backupApiModule, billingApiModule, planningApiModule, gdprApiModule, eventsApiModule, psaApiModule, auditsApiModule, telecomApiModule, schoolApiModule];
