import type { RouteRecordRaw } from 'vue-router';

/** The personal-data screens (children of the app shell): the register of processing activities. */
export const gdprRoutes: RouteRecordRaw[] = [
  { path: 'gdpr/register', name: 'gdpr-register', component: () => import('./RegisterPage.vue'), meta: { permission: ['gdpr.register', 'read'] } },
  { path: 'gdpr/requests', name: 'gdpr-requests', component: () => import('./RequestsPage.vue'), meta: { permission: ['gdpr.request', 'read'] } },
  { path: 'gdpr/requests/:id', name: 'gdpr-request', component: () => import('./RequestsPage.vue'), meta: { permission: ['gdpr.request', 'read'] } },
  { path: 'gdpr/retention', name: 'gdpr-retention', component: () => import('./RetentionPage.vue'), meta: { permission: ['gdpr.retention', 'read'] } },
  { path: 'gdpr/transfers', name: 'gdpr-transfers', component: () => import('./TransfersPage.vue'), meta: { permission: ['gdpr.transfer', 'read'] } },
  { path: 'gdpr/breaches', name: 'gdpr-breaches', component: () => import('./BreachesPage.vue'), meta: { permission: ['gdpr.breach', 'read'] } },
  { path: 'gdpr/breaches/:id', name: 'gdpr-breach', component: () => import('./BreachesPage.vue'), meta: { permission: ['gdpr.breach', 'read'] } },
  { path: 'gdpr/consent-texts', name: 'gdpr-consent-texts', component: () => import('./ConsentTextsPage.vue'), meta: { permission: ['gdpr.consent-text', 'read'] } },
  // « Mes données »: every signed-in person, whatever their role (the user menu leads here).
  { path: 'me/data', name: 'my-data', component: () => import('./MyDataPage.vue') },
];
