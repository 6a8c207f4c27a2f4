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
  // A partner lands on its brand's clients (the accounts list, narrowed by the server).
  home: [{ route: 'accounts', roles: ['partner'], permission: ['core.account', 'read'] }],
};
