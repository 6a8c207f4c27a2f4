import type { RouteRecordRaw } from 'vue-router';

/** Time: a technician's timesheet, the managers' approval screen. */
export const timeRoutes: RouteRecordRaw[] = [
  { path: 'psa/time', name: 'psa-timesheet', component: () => import('./TimesheetPage.vue'), meta: { permission: ['psa.time-entry', 'create'] } },
  { path: 'psa/time/approval', name: 'psa-time-approval', component: () => import('./TimeApprovalPage.vue'), meta: { permission: ['psa.time-entry', 'update'] } },
];
