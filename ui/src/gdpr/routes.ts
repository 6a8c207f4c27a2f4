import type { RouteRecordRaw } from 'vue-router';

/** The personal-data screens (children of the app shell): the register of processing activities. */
export const gdprRoutes: RouteRecordRaw[] = [
  { path: 'gdpr/register', name: 'gdpr-register', component: () => import('./RegisterPage.vue'), meta: { permission: ['gdpr.register', 'read'] } },
  // « Mes données »: every signed-in person, whatever their role (the user menu leads here).
  { path: 'me/data', name: 'my-data', component: () => import('./MyDataPage.vue') },
];
