import type { RouteRecordRaw } from 'vue-router';

/** A mission's report (drafting, review, versions, PDF) and the organisation's report template (issue 16, ADR 0038). */
export const reportRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/missions/:id/report',
    name: 'audits-report',
    component: () => import('./ReportPage.vue'),
    meta: { permission: ['audits.mission', 'read'] },
  },
  {
    path: 'audits/report-template',
    name: 'audits-report-template',
    component: () => import('./ReportTemplatePage.vue'),
    meta: { permission: ['audits.mission', 'update'] },
  },
];
