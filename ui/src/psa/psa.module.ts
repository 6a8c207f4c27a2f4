import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { psaRoutes } from './routes';

/** The MSP (spec 003, issue 14) in the UI: the « Support » and « Commercial » menus, the client portal. */
export const psaModule: UiModule = {
  key: 'psa',
  icon: 'mdi-lifebuoy',
  routes: psaRoutes,
  messages: INSTALLED_LOCALES.psa,
};
