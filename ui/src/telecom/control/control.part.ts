import { defineAsyncComponent } from 'vue';
import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's control area (texts in control.fr.ts / control.en.ts, under `telecom.control.…`). */
export const controlUiPart: TelecomUiPart = {
  key: 'control',
  routes: [
    { path: 'telecom/control/:id?', name: 'telecom-control', component: () => import('./ControlPage.vue'), meta: { permission: ['telecom.anomaly', 'read'] } },
  ],
  nav: [{ route: 'telecom-control', icon: 'mdi-scale-balance', label: 'telecom.control.nav.control', testId: 'nav-telecom-control', permission: ['telecom.anomaly', 'read'] }],
  accountBlocks: [{ key: 'telecom-anomalies', component: defineAsyncComponent(() => import('./AccountAnomaliesBlock.vue')), permission: ['telecom.anomaly', 'read'] }],
};
