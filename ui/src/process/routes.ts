import type { RouteRecordRaw } from 'vue-router';

/** The process screens (children of the app shell). bpmn-js is only loaded by the modeler and the instance page. */
export const processRoutes: RouteRecordRaw[] = [
  // One route for the list and its side panel, as for accounts.
  {
    path: 'tasks/:id?',
    name: 'tasks',
    component: () => import('./tasks/TasksPage.vue'),
    meta: { permission: ['process.task', 'read'] },
  },
  {
    path: 'processes/modeler/:key?',
    name: 'process-modeler',
    component: () => import('./modeler/ProcessModelerPage.vue'),
    meta: { permission: ['process.definition', 'read'] },
  },
  {
    path: 'processes/instances',
    name: 'process-instances',
    component: () => import('./monitor/InstancesPage.vue'),
    meta: { permission: ['process.instance', 'read'] },
  },
  {
    path: 'processes/instances/:instanceId',
    name: 'process-instance',
    component: () => import('./monitor/InstanceDetailPage.vue'),
    meta: { permission: ['process.instance', 'read'] },
  },
];
