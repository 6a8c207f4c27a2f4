import { defineAsyncComponent } from 'vue';
import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { psaRoutes } from './routes';

/** The MSP (spec 003, issue 14) in the UI: the « Support » and « Commercial » menus, the client portal. */
export const psaModule: UiModule = {
  key: 'psa',
  icon: 'mdi-lifebuoy',
  routes: psaRoutes,
  nav: {
    label: 'psa.nav.commercial',
    testId: 'nav-psa-commercial',
    entries: [
      { route: 'psa-contracts', icon: 'mdi-file-sign', label: 'psa.contracts.nav', testId: 'nav-psa-contracts', permission: ['psa.contract', 'update'] },
    ],
  },
  messages: INSTALLED_LOCALES.psa,
  // The account's contracts with their hour balance, in its side panel.
  accountBlocks: [{ key: 'psa-contracts', component: defineAsyncComponent(() => import('./contracts/AccountContractsBlock.vue')), permission: ['psa.contract', 'read'] }],
};
