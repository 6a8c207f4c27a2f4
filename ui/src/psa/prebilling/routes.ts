import type { RouteRecordRaw } from 'vue-router';

/** The pre-billing queue. */
export const prebillingRoutes: RouteRecordRaw[] = [
  { path: 'psa/pre-billing', name: 'psa-prebilling', component: () => import('./PrebillingPage.vue'), meta: { permission: ['psa.prebilling', 'update'] } },
];
