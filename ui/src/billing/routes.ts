import type { RouteRecordRaw } from 'vue-router';

/** The billing screens (children of the app shell): one route per list, the open document in the URL; the legal profile. */
export const billingRoutes: RouteRecordRaw[] = [
  {
    path: 'billing/invoices/:id?',
    name: 'billing-invoices',
    component: () => import('./invoices/InvoicesPage.vue'),
    meta: { permission: ['billing.invoice', 'read'] },
  },
  {
    path: 'billing/quotes/:id?',
    name: 'billing-quotes',
    component: () => import('./quotes/QuotesPage.vue'),
    meta: { permission: ['billing.quote', 'read'] },
  },
  {
    path: 'billing/credit-notes/:id?',
    name: 'billing-credit-notes',
    component: () => import('./credit-notes/CreditNotesPage.vue'),
    meta: { permission: ['billing.credit-note', 'read'] },
  },
  {
    path: 'billing/settings',
    name: 'billing-settings',
    component: () => import('./settings/BillingSettingsPage.vue'),
    meta: { permission: ['billing.settings', 'read'] },
  },
];
