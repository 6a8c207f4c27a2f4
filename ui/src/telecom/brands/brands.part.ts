import { defineAsyncComponent } from 'vue';
import type { TelecomUiPart } from '../telecom-ui-part';

/**
 * The screens of the telecom vertical's brands area (texts in brands.fr.ts / brands.en.ts, under `telecom.brands.…`):
 * the account panel's telecom blocks (as the role may read them), « Marques blanches », and the brand's colours and
 * logo for a partner's screens (ADR 0046).
 */
export const brandsUiPart: TelecomUiPart = {
  key: 'brands',
  routes: [
    { path: 'telecom/brands', name: 'telecom-brands', component: () => import('./BrandsPage.vue'), meta: { permission: ['telecom.brand', 'read'] } },
  ],
  nav: [{ route: 'telecom-brands', icon: 'mdi-palette-swatch-outline', label: 'telecom.brands.nav.brands', testId: 'nav-telecom-brands', permission: ['telecom.brand', 'read'] }],
  accountBlocks: [{ key: 'telecom-account', component: defineAsyncComponent(() => import('./TelecomAccountBlock.vue')), permission: ['core.account', 'read'] }],
  appBar: [{ key: 'telecom-brand', component: defineAsyncComponent(() => import('./BrandTheme.vue')) }],
  // Where each SoftWhere role lands when it has no open task (spec 002 §10): the direction and accounting on the
  // billing control (anomalies, money recovered), a partner on its brand's clients (the accounts, narrowed by the
  // server); managers, support, sales and the client on the accounts (the core's default), their tasks first.
  home: [
    { route: 'telecom-control', roles: ['direction', 'accounting'], permission: ['telecom.anomaly', 'read'] },
    { route: 'accounts', roles: ['partner'], permission: ['core.account', 'read'] },
  ],
};
