import type { RouteRecordRaw } from 'vue-router';

/** « Paramètres SLA »: the policies, the open one in the URL; the business calendar in its dialog. */
export const slaRoutes: RouteRecordRaw[] = [
  {
    path: 'psa/sla-settings/:id?',
    name: 'psa-sla-settings',
    component: () => import('./SlaSettingsPage.vue'),
    meta: { permission: ['psa.sla-policy', 'read'] },
  },
];
