import { auditsModule } from './audits/audits.module';
import { backupModule } from './backup/backup.module';
import { billingModule } from './billing/billing.module';
import { commsModule } from './comms/comms.module';
import { coreModule } from './core/core.module';
import { eventsModule } from './events/events.module';
import { fieldserviceModule } from './fieldservice/fieldservice.module';
import { gdprModule } from './gdpr/gdpr.module';
import { identityModule } from './identity/identity.module';
import { registerModule } from './modules/registry';
import { planningModule } from './planning/planning.module';
import { processModule } from './process/process.module';
import { psaModule } from './psa/psa.module';
import { schoolModule } from './school/school.module';
import { systemModule } from './system/system.module';
import { telecomModule } from './telecom/telecom.module';

/**
 * The modules this build installs, registered when an entry point imports
 * this file (api/server.ts, worker/create-worker.ts, db/seed.ts, the tests'
 * setup file). One of the three lists allowed to import verticals (with
 * api/installed-modules.ts and activities/installed-modules.ts): adding a
 * vertical is one line here. Core contexts first.
 */
export const INSTALLED_MODULES = [
  coreModule, identityModule, processModule, commsModule, systemModule, billingModule, planningModule, backupModule, gdprModule,
  eventsModule, auditsModule, telecomModule, fieldserviceModule, psaModule, schoolModule,
];

for (const module of INSTALLED_MODULES) registerModule(module);
