import type { RouteRecordRaw } from 'vue-router';

/** The tickets' list (the team) and the client portal, the open ticket in the URL. */
export const ticketsRoutes: RouteRecordRaw[] = [
  {
    path: 'psa/tickets/:id?',
    name: 'psa-tickets',
    component: () => import('./TicketsPage.vue'),
    meta: { permission: ['psa.ticket', 'update'] },
  },
  {
    path: 'portal/:id?',
    name: 'psa-portal',
    component: () => import('../portal/PortalPage.vue'),
    meta: { permission: ['psa.ticket', 'read'] },
  },
];
