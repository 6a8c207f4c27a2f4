import type { RouteRecordRaw } from 'vue-router';

/** The planning screens (children of the app shell): the agenda, the capacity forecast, the teams. */
export const planningRoutes: RouteRecordRaw[] = [
  { path: 'planning/agenda', name: 'planning-agenda', component: () => import('./AgendaPage.vue'), meta: { permission: ['planning.entry', 'read'] } },
  { path: 'planning/capacity', name: 'planning-capacity', component: () => import('./CapacityPage.vue'), meta: { permission: ['planning.entry', 'read'] } },
  { path: 'planning/teams', name: 'planning-teams', component: () => import('./TeamsPage.vue'), meta: { permission: ['planning.team', 'read'] } },
];
