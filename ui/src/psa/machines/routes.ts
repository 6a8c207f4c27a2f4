import type { RouteRecordRaw } from 'vue-router';

/** The mail intake's triage list. */
export const machinesRoutes: RouteRecordRaw[] = [
  {
    path: 'psa/inbound-mails',
    name: 'psa-inbound-mails',
    component: () => import('./InboundMailsPage.vue'),
    meta: { permission: ['psa.ticket', 'create'] },
  },
];
