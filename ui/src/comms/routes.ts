import type { RouteRecordRaw } from 'vue-router';

/** The communications screen (a child of the app shell); its tab is in the URL. */
export const commsRoutes: RouteRecordRaw[] = [
  {
    path: 'comms/:tab(messages|templates|settings)?',
    name: 'comms',
    component: () => import('./CommsPage.vue'),
    meta: { permission: ['comms.message', 'read'] },
  },
];
