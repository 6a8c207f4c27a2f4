import { auditsModule } from '@/audits/audits.module';
import { billingModule } from '@/billing/billing.module';
import { eventsModule } from '@/events/events.module';
import { gdprModule } from '@/gdpr/gdpr.module';
import { planningModule } from '@/planning/planning.module';
import { psaModule } from '@/psa/psa.module';
import { schoolModule } from '@/school/school.module';
import { telecomModule } from '@/telecom/telecom.module';
import type { UiModule } from '@/modules/ui-module';

/**
 * The verticals this build installs: the one core file that names them (plugins/index.ts
 * registers them at start-up). Adding a vertical to the UI is one line here.
 */
export const INSTALLED_MODULES: readonly UiModule[] = [eventsModule, billingModule, planningModule, gdprModule, psaModule, auditsModule, telecomModule, schoolModule];
