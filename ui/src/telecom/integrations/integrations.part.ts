import type { TelecomUiPart } from '../telecom-ui-part';

/**
 * The screens of the telecom vertical's integrations area (texts in integrations.fr.ts / integrations.en.ts, under
 * `telecom.integrations.…`): « Connexions API », the tenant's connections to operators and billing systems (ADR 0042).
 */
export const integrationsUiPart: TelecomUiPart = {
  key: 'integrations',
  routes: [
    { path: 'telecom/connections', name: 'telecom-connections', component: () => import('./ConnectionsPage.vue'), meta: { permission: ['telecom.connection', 'read'] } },
  ],
  nav: [{ route: 'telecom-connections', icon: 'mdi-api', label: 'telecom.integrations.nav.connections', testId: 'nav-telecom-connections', permission: ['telecom.connection', 'read'] }],
};
