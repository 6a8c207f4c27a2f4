import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { gdprRoutes } from './routes';

/**
 * Data protection (issue 15) in the UI: the « Données personnelles » area of the data protection
 * officer — the register of processing activities, pre-filled from the modules' declarations.
 * A core context: every organisation has it; the `dpo` role's permission shows it.
 */
export const gdprModule: UiModule = {
  key: 'gdpr',
  core: true,
  icon: 'mdi-shield-account-outline',
  routes: gdprRoutes,
  nav: {
    label: 'gdpr.nav.group',
    testId: 'nav-gdpr',
    entries: [
      { route: 'gdpr-register', icon: 'mdi-book-lock-outline', label: 'gdpr.nav.register', testId: 'nav-gdpr-register', permission: ['gdpr.register', 'read'] },
      { route: 'gdpr-requests', icon: 'mdi-account-question-outline', label: 'gdpr.requests.nav', testId: 'nav-gdpr-requests', permission: ['gdpr.request', 'read'] },
      { route: 'gdpr-retention', icon: 'mdi-timer-sand', label: 'gdpr.retention.nav', testId: 'nav-gdpr-retention', permission: ['gdpr.retention', 'read'] },
      { route: 'gdpr-transfers', icon: 'mdi-transfer', label: 'gdpr.transfers.nav', testId: 'nav-gdpr-transfers', permission: ['gdpr.transfer', 'read'] },
      { route: 'gdpr-consent-texts', icon: 'mdi-text-box-check-outline', label: 'gdpr.texts.nav', testId: 'nav-gdpr-consent-texts', permission: ['gdpr.consent-text', 'read'] },
      { route: 'gdpr-breaches', icon: 'mdi-shield-alert-outline', label: 'gdpr.breaches.nav', testId: 'nav-gdpr-breaches', permission: ['gdpr.breach', 'read'] },
    ],
  },
  home: [{ route: 'gdpr-register', permission: ['gdpr.register', 'read'], roles: ['dpo'] }],
  messages: INSTALLED_LOCALES.gdpr,
};
