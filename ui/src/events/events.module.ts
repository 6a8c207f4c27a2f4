import { INSTALLED_LOCALES } from '@/installed-locales';
import type { PickerSource, UiModule } from '@/modules/ui-module';
import { COLLABORATOR_ROLES, eventsApi } from './events.api';
import { eventsRoutes } from './routes';
import { useEventsCollaboratorsStore } from './stores/events-collaborators';

/** Processes whose business key is the id of an Epic Events client (its file, from first contact to closed event). */
const CLIENT_PROCESSES = new Set(['events.lead-to-event']);

/** The people of a department (sales, support, management), as the events forms and bulk actions ask for them. */
function collaboratorSource(): PickerSource {
  const collaborators = useEventsCollaboratorsStore();
  const roleOf = (argument: string) => COLLABORATOR_ROLES.find((role) => role === argument);
  return {
    load: async (argument) => {
      const role = roleOf(argument);
      if (role) await collaborators.load(role);
    },
    choices: (argument) => {
      const role = roleOf(argument);
      return (role ? collaborators.byRole[role] ?? [] : []).map((c) => ({ value: c.id, title: c.displayName, subtitle: c.email }));
    },
    loading: () => collaborators.loading,
  };
}

/** Epic Events (spec 001) in the UI: clients, contracts, events; installed by `installed-modules.ts`. */
export const eventsModule: UiModule = {
  key: 'events',
  icon: 'mdi-calendar-star',
  routes: eventsRoutes,
  nav: {
    label: 'events.nav.group',
    testId: 'nav-events',
    entries: [
      { route: 'events-clients', icon: 'mdi-account-tie-outline', label: 'events.nav.clients', testId: 'nav-events-clients', permission: ['events.client', 'read'] },
      { route: 'events-contracts', icon: 'mdi-file-sign', label: 'events.nav.contracts', testId: 'nav-events-contracts', permission: ['events.contract', 'read'] },
      { route: 'events-events', icon: 'mdi-calendar-star', label: 'events.nav.events', testId: 'nav-events-events', permission: ['events.event', 'read'] },
    ],
  },
  messages: INSTALLED_LOCALES.events,
  // Each department lands on its work (after its open tasks): sales on its clients, support on the events, management on the contracts.
  home: [
    { route: 'events-clients', roles: ['sales'], permission: ['events.client', 'read'] },
    { route: 'events-events', roles: ['support'], permission: ['events.event', 'read'] },
    { route: 'events-contracts', roles: ['management'], permission: ['events.contract', 'read'] },
  ],
  // The Ctrl+K palette's « Nouveau … »: the list opens with its create dialog.
  commands: [
    { key: 'events-new-client', label: 'events.clients.create', icon: 'mdi-account-plus-outline', to: { name: 'events-clients', query: { new: '1' } }, permission: ['events.client', 'create'] },
    { key: 'events-new-contract', label: 'events.contracts.create', icon: 'mdi-file-sign', to: { name: 'events-contracts', query: { new: '1' } }, permission: ['events.contract', 'create'] },
    { key: 'events-new-event', label: 'events.events.create', icon: 'mdi-calendar-plus', to: { name: 'events-events', query: { new: '1' } }, permission: ['events.event', 'create'] },
  ],
  // Set on the selection by the server (the kinds' bulkFields), each event or client through its own update.
  bulkActions: [
    { list: 'events-events', key: 'support', label: 'events.bulk.assignSupport', icon: 'mdi-account-wrench-outline', field: 'supportContactId', argument: 'support', permission: ['events.event', 'update'], useSource: collaboratorSource },
    { list: 'events-clients', key: 'sales', label: 'events.bulk.assignSales', icon: 'mdi-account-tie-outline', field: 'salesContactId', argument: 'sales', permission: ['events.client', 'update'], useSource: collaboratorSource },
  ],
  // Its records in the global search (Ctrl+K): each opens its list with its panel.
  searchKinds: [
    {
      type: 'event-client', label: 'events.nav.clients', icon: 'mdi-account-tie-outline', to: (hit) => ({ name: 'events-clients', params: { id: hit.id } }),
      present: (hit, t) => ({ title: hit.title, subtitle: hit.subtitle ?? t('events.clients.number', { number: hit.number }) }),
    },
    {
      type: 'event-contract', label: 'events.nav.contracts', icon: 'mdi-file-sign', to: (hit) => ({ name: 'events-contracts', params: { id: hit.id } }),
      present: (hit, t) => ({ title: t('events.contracts.number', { number: hit.number }), subtitle: hit.title }),
    },
    {
      type: 'event', label: 'events.nav.events', icon: 'mdi-calendar-star', to: (hit) => ({ name: 'events-events', params: { id: hit.id } }),
      present: (hit, t) => ({ title: hit.title, subtitle: [t('events.events.number', { number: hit.number }), hit.subtitle].filter(Boolean).join(' · ') }),
    },
  ],
  taskLinks: [{
    testId: 'task-client-link',
    icon: 'mdi-account-tie-outline',
    label: 'events.clients.open',
    permission: ['events.client', 'read'],
    recordOf: (task) => (CLIENT_PROCESSES.has(task.processKey) && task.businessKey ? task.businessKey : null),
    to: (id) => ({ name: 'events-clients', params: { id } }),
    nameOf: async (id) => (await eventsApi.clients.get(id).catch(() => null))?.fullName ?? null,
  }],
  pickers: [{
    // A person of a department (sales, support, management), as the events forms ask for them.
    widget: 'collaborator',
    arguments: COLLABORATOR_ROLES,
    namedFields: { supportContactId: 'support', salesContactId: 'sales' },
    icon: 'mdi-account-outline',
    useSource: collaboratorSource,
  }],
};
