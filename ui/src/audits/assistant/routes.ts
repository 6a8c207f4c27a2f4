import type { RouteRecordRaw } from 'vue-router';

/** The local assistant's settings and a mission's assistant page (issue 16); the capture screens embed its panel. */
export const assistantRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/assistant',
    name: 'audits-assistant-settings',
    component: () => import('./AssistantSettingsPage.vue'),
    // Those who change missions (administration, mission leads) set the assistant up.
    meta: { permission: ['audits.mission', 'update'] },
  },
  {
    path: 'audits/missions/:id/assistant',
    name: 'audits-assistant',
    component: () => import('./AssistantMissionPage.vue'),
    meta: { permission: ['audits.mission', 'read'] },
  },
];
