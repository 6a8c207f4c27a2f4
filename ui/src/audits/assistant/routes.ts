import type { RouteRecordRaw } from 'vue-router';

/** The local assistant's settings (issue 16); its panel is embedded by the capture screens. */
export const assistantRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/assistant',
    name: 'audits-assistant-settings',
    component: () => import('./AssistantSettingsPage.vue'),
    // Those who change missions (administration, mission leads) set the assistant up.
    meta: { permission: ['audits.mission', 'update'] },
  },
];
