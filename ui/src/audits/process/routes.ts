import type { RouteRecordRaw } from 'vue-router';

/** The anonymised history of missions (issue 16, ADR 0039). */
export const processRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/statistics',
    name: 'audits-statistics',
    component: () => import('./StatisticsPage.vue'),
    meta: { permission: ['audits.mission', 'update'] },
  },
];
