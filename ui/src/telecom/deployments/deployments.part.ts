import { defineAsyncComponent } from 'vue';
import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's deployments area (texts in deployments.fr.ts / deployments.en.ts, under `telecom.deployments.…`). */
export const deploymentsUiPart: TelecomUiPart = {
  key: 'deployments',
  routes: [
    { path: 'telecom/deployments/:id?', name: 'telecom-deployments', component: () => import('./DeploymentsPage.vue'), meta: { permission: ['telecom.deployment', 'read'] } },
  ],
  accountBlocks: [{ key: 'telecom-deployments', component: defineAsyncComponent(() => import('./AccountDeploymentsBlock.vue')), permission: ['telecom.deployment', 'read'] }],
  nav: [{ route: 'telecom-deployments', icon: 'mdi-rocket-launch-outline', label: 'telecom.deployments.nav.deployments', testId: 'nav-telecom-deployments', permission: ['telecom.deployment', 'read'] }],
};
