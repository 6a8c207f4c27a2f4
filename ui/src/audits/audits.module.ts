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
  nav: [{ label: 'audits.nav.audits', testId: 'nav-audits', entries: [
    { route: 'audits-dashboard', icon: 'mdi-view-dashboard-outline', label: 'audits.missions.nav.dashboard', testId: 'nav-audits-dashboard', permission: ['audits.mission', 'read'] },
    { route: 'audits-missions', icon: 'mdi-shield-search', label: 'audits.missions.nav.missions', testId: 'nav-audits-missions', permission: ['audits.mission', 'read'] },
    { route: 'audits-catalogue', icon: 'mdi-format-list-checks', label: 'audits.catalogue.nav.catalogue', testId: 'nav-audits-catalogue', permission: ['audits.catalogue', 'read'] },
    { route: 'audits-library', icon: 'mdi-bookshelf', label: 'audits.catalogue.nav.library', testId: 'nav-audits-library', permission: ['audits.library', 'read'] },
    { route: 'audits-report-template', icon: 'mdi-file-document-edit-outline', label: 'audits.report.nav.template', testId: 'nav-audits-report-template', permission: ['audits.mission', 'update'] },
    { route: 'audits-statistics', icon: 'mdi-chart-box-outline', label: 'audits.process.nav.statistics', testId: 'nav-audits-statistics', permission: ['audits.mission', 'update'] },
    { route: 'audits-assistant-settings', icon: 'mdi-robot-happy-outline', label: 'audits.assistant.nav.settings', testId: 'nav-audits-assistant', permission: ['audits.mission', 'update'] },
  ] }],
  // The global search (Ctrl+K): a mission by its number, title or client, opened beside the list.
  searchKinds: [{
    type: 'audit-mission', label: 'audits.missions.nav.missions', icon: 'mdi-shield-search',
    to: (hit) => ({ name: 'audits-missions', params: { id: hit.id } }),
    present: (hit, t) => ({ title: hit.title, subtitle: [t('audits.missions.number', { number: hit.number }), hit.subtitle].filter(Boolean).join(' · ') }),
  }],
  // The mission lead lands on the dashboard, an auditor on « Mes missions ».
  home: [
    { route: 'audits-dashboard', roles: ['mission-lead', 'administration'], permission: ['audits.mission', 'read'] },
    { route: 'audits-my-missions', roles: ['auditor'], permission: ['audits.mission', 'read'] },
  ],
  messages: INSTALLED_LOCALES.audits,
};
