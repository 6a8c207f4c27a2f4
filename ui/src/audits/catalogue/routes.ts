import type { RouteRecordRaw } from 'vue-router';

/** The control catalogue and the finding library (issue 16). */
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
];
