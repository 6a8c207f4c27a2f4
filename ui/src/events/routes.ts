import type { RouteRecordRaw } from 'vue-router';

/** The Epic Events screens (children of the app shell): one route per list, its side panel in the URL. */
export const eventsRoutes: RouteRecordRaw[] = [
  {
    path: 'events/clients/:id?',
    name: 'events-clients',
    component: () => import('./clients/ClientsPage.vue'),
    meta: { permission: ['events.client', 'read'] },
  },
  {
    path: 'events/contracts/:id?',
    name: 'events-contracts',
    component: () => import('./contracts/ContractsPage.vue'),
    meta: { permission: ['events.contract', 'read'] },
  },
  {
    path: 'events/events/:id?',
    name: 'events-events',
    component: () => import('./events/EventsPage.vue'),
    meta: { permission: ['events.event', 'read'] },
  },
];
