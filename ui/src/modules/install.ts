import { i18n } from '@/plugins/i18n';
import router, { SHELL_ROUTE } from '@/plugins/router';
import { registerModules } from './registry';
import type { UiModule } from './ui-module';

/**
 * Registers the installed verticals, adds their screens under the app shell and their texts
 * under their namespace. Runs before the router's first navigation (plugins/index.ts).
 */
export function installModules(list: readonly UiModule[]): void {
  registerModules(list);
  for (const module of list) {
    for (const route of module.routes) router.addRoute(SHELL_ROUTE, route);
    i18n.global.mergeLocaleMessage('fr', { [module.key]: module.messages.fr });
    i18n.global.mergeLocaleMessage('en', { [module.key]: module.messages.en });
  }
}
