import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { auditsRoutes } from './routes';

/**
 * Cassandre's audits (spec 000, issue 16) in the UI: the « Audits » menu (missions, capture on
 * site, catalogue, finding library, reports). Each area adds its entries to the group.
 */
export const auditsModule: UiModule = {
  key: 'audits',
  icon: 'mdi-shield-search',
  routes: auditsRoutes,
  nav: [{ label: 'audits.nav.audits', testId: 'nav-audits', entries: [] }],
  messages: INSTALLED_LOCALES.audits,
};
