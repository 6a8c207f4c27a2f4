import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { planningRoutes } from './routes';

/**
 * Planning (issue 14) in the UI: each person's agenda (FullCalendar, day / week / month, per person
 * or team, records to plan dragged onto it), the capacity forecast per team, the teams. A core
 * context: every organisation has it; permissions decide who sees what (a technician: his own and
 * his teams' agendas; a manager: everyone's).
 */
export const planningModule: UiModule = {
  key: 'planning',
  core: true,
  icon: 'mdi-calendar-clock',
  routes: planningRoutes,
  nav: {
    label: 'planning.nav.group',
    testId: 'nav-planning',
    entries: [
      { route: 'planning-agenda', icon: 'mdi-calendar-month-outline', label: 'planning.nav.agenda', testId: 'nav-planning-agenda', permission: ['planning.entry', 'read'] },
      { route: 'planning-capacity', icon: 'mdi-chart-bar', label: 'planning.nav.capacity', testId: 'nav-planning-capacity', permission: ['planning.entry', 'read'] },
      { route: 'planning-teams', icon: 'mdi-account-group-outline', label: 'planning.nav.teams', testId: 'nav-planning-teams', permission: ['planning.team', 'update'] },
    ],
  },
  messages: INSTALLED_LOCALES.planning,
  commands: [
    { key: 'planning-agenda', label: 'planning.agenda.mine', icon: 'mdi-calendar-month-outline', to: { name: 'planning-agenda' }, permission: ['planning.entry', 'read'] },
  ],
};
