import type { RouteRecordRaw } from 'vue-router';

/** The missions' list (the open mission in the URL) and the firm's dashboard. */
export const missionsRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/missions/:id?',
    name: 'audits-missions',
    component: () => import('./MissionsPage.vue'),
    meta: { permission: ['audits.mission', 'read'] },
  },
  {
    path: 'audits/my-missions',
    name: 'audits-my-missions',
    redirect: { name: 'audits-missions', query: { auditorId: 'me' } },
    meta: { permission: ['audits.mission', 'read'] },
  },
  {
    path: 'audits/dashboard',
    name: 'audits-dashboard',
    component: () => import('./MissionsDashboardPage.vue'),
    meta: { permission: ['audits.mission', 'read'] },
  },
];
