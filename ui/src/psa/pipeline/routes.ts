import type { RouteRecordRaw } from 'vue-router';

/** The pipeline as a board and as a list (the same page), the open opportunity in the URL. */
export const pipelineRoutes: RouteRecordRaw[] = [
  {
    path: 'psa/pipeline/:id?',
    name: 'psa-pipeline',
    component: () => import('./PipelinePage.vue'),
    meta: { permission: ['psa.opportunity', 'read'] },
  },
  {
    path: 'psa/opportunities/:id?',
    name: 'psa-opportunities',
    component: () => import('./PipelinePage.vue'),
    meta: { permission: ['psa.opportunity', 'read'] },
  },
];
