import type { App } from 'vue';
import { onSessionExpired } from '@/api/client';
import { INSTALLED_MODULES } from '@/installed-modules';
import { installModules } from '@/modules/install';
import { useSessionStore } from '@/stores/session';
import { i18n } from './i18n';
import { inputTestId } from './input-testid.directive';
import pinia from './pinia';
import router from './router';
import vuetify from './vuetify';

declare module 'vue' {
  interface GlobalDirectives {
    vInputTestid: typeof inputTestId;
  }
}

/** Every plugin, registered in one place. */
export function registerPlugins(app: App): void {
  // The verticals' screens and texts are in place before the router's first navigation.
  installModules(INSTALLED_MODULES);
  app.use(pinia).use(i18n).use(vuetify).use(router);
  app.directive('input-testid', inputTestId);

  onSessionExpired(() => {
    useSessionStore(pinia).expire();
    const current = router.currentRoute.value;
    if (current.name !== 'login') void router.push({ name: 'login', query: { redirect: current.fullPath } });
  });
}
