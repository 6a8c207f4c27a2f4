import { defineAsyncComponent } from 'vue';
import type { TelecomUiPart } from '../telecom-ui-part';
import { deploymentsApi } from './deployments.api';

/** The screens of the telecom vertical's deployments area (texts in deployments.fr.ts / deployments.en.ts, under `telecom.deployments.…`). */
export const deploymentsUiPart: TelecomUiPart = {
  key: 'deployments',
  routes: [
    { path: 'telecom/deployments/:id?', name: 'telecom-deployments', component: () => import('./DeploymentsPage.vue'), meta: { permission: ['telecom.deployment', 'read'] } },
  ],
  // The study and fix tasks lead to the deployment: its quote, notes and actions beside the list.
  taskLinks: [{
    testId: 'task-deployment-link',
    icon: 'mdi-rocket-launch-outline',
    label: 'telecom.deployments.open',
    permission: ['telecom.deployment', 'read'],
    recordOf: (task) => (task.processKey === 'telecom.study-deploy-bill-check' && task.businessKey ? task.businessKey : null),
    to: (id) => ({ name: 'telecom-deployments', params: { id } }),
    nameOf: async (id) => {
      const d = await deploymentsApi.panel(id).catch(() => null);
      return d ? `${d.number} — ${d.title}${d.quoteNumber ? ` (${d.quoteNumber})` : ''}` : null;
    },
  }],
  // Found by Ctrl+K by their number or title: they open beside the list.
  searchKinds: [{
    type: 'telecom-deployment', label: 'telecom.deployments.nav.deployments', icon: 'mdi-rocket-launch-outline',
    to: (hit) => ({ name: 'telecom-deployments', params: { id: hit.id } }),
    present: (hit, t) => ({ title: hit.title, subtitle: [t('telecom.deployments.number', { number: hit.number }), hit.subtitle].filter(Boolean).join(' · ') }),
  }],
  accountBlocks: [{ key: 'telecom-deployments', component: defineAsyncComponent(() => import('./AccountDeploymentsBlock.vue')), permission: ['telecom.deployment', 'read'] }],
  nav: [{ route: 'telecom-deployments', icon: 'mdi-rocket-launch-outline', label: 'telecom.deployments.nav.deployments', testId: 'nav-telecom-deployments', permission: ['telecom.deployment', 'read'] }],
};
