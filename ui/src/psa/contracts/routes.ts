import type { RouteRecordRaw } from 'vue-router';

/** The contracts' list, the open contract in the URL. */
export const contractsRoutes: RouteRecordRaw[] = [
  {
    path: 'psa/contracts/:id?',
    name: 'psa-contracts',
    component: () => import('./ContractsPage.vue'),
    meta: { permission: ['psa.contract', 'read'] },
  },
];
