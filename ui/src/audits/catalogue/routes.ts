import type { RouteRecordRaw } from 'vue-router';

/** The control catalogue, the finding library and a mission's checklist (issue 16). */
export const catalogueRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/catalogue',
    name: 'audits-catalogue',
    component: () => import('./CataloguePage.vue'),
    meta: { permission: ['audits.catalogue', 'read'] },
  },
  {
    path: 'audits/findings-library',
    name: 'audits-library',
    component: () => import('../library/LibraryPage.vue'),
    meta: { permission: ['audits.library', 'read'] },
  },
  {
    path: 'audits/missions/:id/checklist',
    name: 'audits-checklist',
    component: () => import('../checks/MissionChecklistPage.vue'),
    meta: { permission: ['audits.check', 'read'] },
  },
];
